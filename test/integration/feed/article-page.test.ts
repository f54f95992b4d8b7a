import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicationIndex, type PublicationIndex } from "../../../src/store/publication-index.js";
import { type ApiHarness, createApiHarness } from "../../support/api-harness.js";
import { article } from "./feed-support.js";
import { elementText, firstTag, meta, metaTags } from "./html-support.js";

let h: ApiHarness;
let index: PublicationIndex;
const PUBLISHED = Date.UTC(2026, 2, 3, 10, 15, 0);

beforeAll(async () => {
  h = await createApiHarness("page");
  index = createPublicationIndex(h.redis, h.prefix);
});
afterAll(async () => {
  await h.close();
});

async function publicArticle(overrides: Parameters<typeof article>[0] = {}) {
  const { article: stored } = await h.store.create(article(overrides), "test");
  await index.markPublic(stored.id, PUBLISHED);
  return stored;
}

const getPage = async (id: string) => {
  const response = await h.call("GET", `/articles/${encodeURIComponent(id)}`, { token: null });
  return { response, html: await response.text() };
};

describe("GET /articles/{id}", () => {
  it("renders an Arabic article right to left with its card meta", async () => {
    const stored = await publicArticle({
      title: "التحالف يعلن الشراكة",
      body: "الفقرة الأولى.\n\nالفقرة الثانية\nبسطر ثانٍ.\n\n-------------\nتابعنا : تويتر - تلغرام - فيسبوك",
      tags: ["سياسة", "سوريا"],
      imageUrl: "https://cdn.example/p.jpg",
      url: "https://site.example/2026/03/alliance",
      author: "سارة",
    });
    const { response, html } = await getPage(stored.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8$/iu);
    expect(html.startsWith('<!doctype html><html lang="ar" dir="rtl">')).toBe(true);
    expect(elementText(html, "h1")).toBe("التحالف يعلن الشراكة");
    expect(elementText(html, "title")).toBe("التحالف يعلن الشراكة — Sada");
    expect(html).toContain("<p>الفقرة الأولى.</p>");
    expect(html).toContain("<p>الفقرة الثانية<br/>بسطر ثانٍ.</p>");
    // The site's footer never reaches the page.
    expect(html).not.toContain("تابعنا");
    expect(firstTag(html, "time", () => true)).toEqual({ datetime: "2026-03-03T10:15:00.000Z" });
    expect(firstTag(html, "img", () => true)?.src).toBe("https://cdn.example/p.jpg");
    expect(firstTag(html, "link", (a) => a.rel === "canonical")?.href).toBe(
      "https://site.example/2026/03/alliance",
    );
    expect(firstTag(html, "link", (a) => a.rel === "alternate")).toMatchObject({
      type: "application/rss+xml",
      href: "http://news.test/feed.xml",
    });

    expect(meta(html, "og:type")).toBe("article");
    expect(meta(html, "og:title")).toBe("التحالف يعلن الشراكة");
    expect(meta(html, "og:description")).toContain("الفقرة الأولى.");
    expect(meta(html, "og:url")).toBe("https://site.example/2026/03/alliance");
    expect(meta(html, "og:image")).toBe("https://cdn.example/p.jpg");
    expect(meta(html, "og:locale")).toBe("ar_AR");
    expect(meta(html, "article:published_time")).toBe("2026-03-03T10:15:00.000Z");
    expect(metaTags(html).filter(([key]) => key === "article:tag")).toEqual([
      ["article:tag", "سياسة"],
      ["article:tag", "سوريا"],
    ]);
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
    expect(meta(html, "twitter:title")).toBe("التحالف يعلن الشراكة");
    expect(meta(html, "twitter:image")).toBe("https://cdn.example/p.jpg");
  });

  it("renders an English article left to right, with a summary card without an image", async () => {
    const stored = await publicArticle({ title: "Coalition news", body: "First.\n\nSecond.", lang: "en-GB" });
    const { html } = await getPage(stored.id);
    expect(html).toContain('<html lang="en-GB" dir="ltr">');
    expect(meta(html, "og:locale")).toBe("en_GB");
    expect(meta(html, "twitter:card")).toBe("summary");
    expect(meta(html, "og:image")).toBeUndefined();
    expect(meta(html, "og:url")).toBe(`http://news.test/articles/${stored.id}`);
  });

  it("escapes hostile titles, bodies, tags and authors everywhere", async () => {
    const hostile = `<script>alert(1)</script> & "x" '`;
    const stored = await publicArticle({
      title: hostile,
      body: `<img src=x onerror=alert(1)>\n\n"><svg onload=alert(2)>`,
      tags: [`"><script>alert(3)</script>`],
      author: "<b>me</b>",
      lang: "en",
    });
    const { html } = await getPage(stored.id);
    expect(html).not.toMatch(/<script|<img src=x|<svg|<b>me/iu);
    expect(elementText(html, "h1")).toBe(hostile);
    expect(meta(html, "og:title")).toBe(hostile);
    expect(meta(html, "twitter:title")).toBe(hostile);
    expect(meta(html, "article:tag")).toBe(`"><script>alert(3)</script>`);
    expect(html).toContain("<p>&lt;img src=x onerror=alert(1)&gt;</p>");
  });

  it("sends a strict CSP that allows exactly the page's own stylesheet", async () => {
    const stored = await publicArticle();
    const { response, html } = await getPage(stored.id);
    const csp = response.headers.get("content-security-policy") ?? "";
    const directives = Object.fromEntries(
      csp.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/u);
        return [name, values.join(" ")];
      }),
    );
    expect(directives["default-src"]).toBe("'none'");
    expect(directives["img-src"]).toBe("https: http: data:");
    expect(directives["base-uri"]).toBe("'none'");
    expect(directives["form-action"]).toBe("'none'");
    expect(directives["frame-ancestors"]).toBe("'none'");
    expect(directives["script-src"]).toBeUndefined();
    const style = /<style>([\s\S]*?)<\/style>/u.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(style).digest("base64");
    expect(directives["style-src"]).toBe(`'sha256-${hash}'`);
    expect(html).not.toContain(" style=");
  });

  it("answers 404 as an HTML page for an unknown, a non-public and a deleted article", async () => {
    const { article: draft } = await h.store.create(article({ title: "secret draft" }), "test");
    const deleted = await publicArticle({ title: "gone" });
    await h.store.delete(deleted.id, "test");
    for (const id of ["no-such-article", draft.id, deleted.id, "x".repeat(500)]) {
      const { response, html } = await getPage(id);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/iu);
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(html).not.toContain("secret draft");
    }
  });

  it("shows a correction at once", async () => {
    const stored = await publicArticle({ title: "Before", lang: "en" });
    await h.call("PATCH", `/api/articles/${stored.id}`, { json: { title: "After" } });
    const { html } = await getPage(stored.id);
    expect(elementText(html, "h1")).toBe("After");
    expect(meta(html, "article:modified_time")).toBeDefined();
  });
});
