import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../../support/api-harness.js";

const SEED = readFileSync(new URL("../../../seeds/000_c471aba50a9e6e65.txt", import.meta.url), "utf8");

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness("articles");
});
afterAll(async () => {
  await h.close();
});

const article = (overrides: Record<string, unknown> = {}) => ({
  title: "  Hello   world ",
  body: "First paragraph.\n\nSecond paragraph.",
  tags: ["News", "news", "Syria"],
  lang: "EN-gb",
  ...overrides,
});

describe("articles: happy paths", () => {
  it("creates an article, answers 201 with Location, defaults and normalised fields", async () => {
    const response = await h.call("POST", "/api/articles", { json: article() });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(response.headers.get("location")).toBe(`/api/articles/${body.id}`);
    expect(body).toMatchObject({
      title: "Hello world",
      body: "First paragraph.\n\nSecond paragraph.",
      url: `http://news.test/articles/${body.id}`,
      summary: null,
      tags: ["News", "Syria"],
      imageUrl: null,
      lang: "en-GB",
      author: null,
      externalId: null,
      createdBy: "editor",
    });
    expect(body.id).toMatch(/^[0-9a-z]{19}$/);
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
  });

  it("defaults lang to ar", async () => {
    const response = await h.call("POST", "/api/articles", { json: { title: "عنوان", body: "نص" } });
    expect((await response.json()).lang).toBe("ar");
  });

  it("reads an article back with its deliveries", async () => {
    const created = await (
      await h.call("POST", "/api/articles", { json: article({ externalId: "read-1" }) })
    ).json();
    const response = await h.call("GET", `/api/articles/${created.id}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.id).toBe(created.id);
    expect(body.title).toBe("Hello world");
    expect(body.deliveries).toEqual([]);
  });

  it("answers 200 with the existing article for the same externalId, and creates nothing", async () => {
    const first = await h.call("POST", "/api/articles", { json: article({ externalId: "cms-42" }) });
    const second = await h.call("POST", "/api/articles", {
      json: article({ externalId: "cms-42", title: "Other" }),
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect((await second.json()).id).toBe((await first.json()).id);
  });

  it("de-duplicates on url when there is no externalId", async () => {
    const url = "https://site.example/2024/story";
    const first = await (await h.call("POST", "/api/articles", { json: article({ url }) })).json();
    const second = await h.call("POST", "/api/articles", { json: article({ url, title: "again" }) });
    expect(second.status).toBe(200);
    expect((await second.json()).id).toBe(first.id);
  });

  it("makes one article of 20 simultaneous creates with one externalId", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.call("POST", "/api/articles", { json: article({ externalId: "race-1" }) }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(19);
    const ids = new Set(await Promise.all(responses.map(async (response) => (await response.json()).id)));
    expect(ids.size).toBe(1);
  });

  it("lists newest first with a working cursor", async () => {
    const own = await createApiHarness("list");
    try {
      const ids: string[] = [];
      for (let index = 0; index < 5; index++) {
        const response = await own.call("POST", "/api/articles", { json: article({ title: `n${index}` }) });
        ids.push((await response.json()).id);
      }
      const page1 = await (await own.call("GET", "/api/articles?limit=2")).json();
      expect(page1.items.map((item: { title: string }) => item.title)).toEqual(["n4", "n3"]);
      const page2 = await (await own.call("GET", `/api/articles?limit=2&cursor=${page1.nextCursor}`)).json();
      expect(page2.items.map((item: { title: string }) => item.title)).toEqual(["n2", "n1"]);
      const page3 = await (await own.call("GET", `/api/articles?limit=2&cursor=${page2.nextCursor}`)).json();
      expect(page3.items.map((item: { title: string }) => item.title)).toEqual(["n0"]);
      expect(page3.nextCursor).toBeNull();
    } finally {
      await own.close();
    }
  });

  it("patches a correction, clears optional fields with null, records the actor", async () => {
    const created = await (
      await h.call("POST", "/api/articles", { json: article({ author: "Rana", summary: "old" }) })
    ).json();
    const response = await h.call("PATCH", `/api/articles/${created.id}`, {
      json: { title: "Corrected", author: null, tags: ["One"] },
      token: "other-token-0123456789abcdef",
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      title: "Corrected",
      author: null,
      tags: ["One"],
      summary: "old",
      updatedBy: "cms",
    });
    expect(body.updatedAt >= created.updatedAt).toBe(true);
    const history = await (await h.call("GET", `/api/articles/${created.id}/history`)).json();
    expect(
      history.history.map((entry: { action: string; actor: string }) => [entry.action, entry.actor]),
    ).toEqual([
      ["updated", "cms"],
      ["created", "editor"],
    ]);
  });

  it("moves the externalId index with a patch", async () => {
    const created = await (
      await h.call("POST", "/api/articles", { json: article({ externalId: "move-a" }) })
    ).json();
    await h.call("PATCH", `/api/articles/${created.id}`, { json: { externalId: "move-b" } });
    const again = await h.call("POST", "/api/articles", { json: article({ externalId: "move-a" }) });
    expect(again.status).toBe(201);
    const same = await h.call("POST", "/api/articles", { json: article({ externalId: "move-b" }) });
    expect(same.status).toBe(200);
    expect((await same.json()).id).toBe(created.id);
  });

  it("deletes an article: 204, then 404, and its externalId is free again", async () => {
    const created = await (
      await h.call("POST", "/api/articles", { json: article({ externalId: "gone-1" }) })
    ).json();
    expect((await h.call("DELETE", `/api/articles/${created.id}`)).status).toBe(204);
    expect((await h.call("GET", `/api/articles/${created.id}`)).status).toBe(404);
    expect((await h.call("DELETE", `/api/articles/${created.id}`)).status).toBe(404);
    expect((await h.call("POST", "/api/articles", { json: article({ externalId: "gone-1" }) })).status).toBe(
      201,
    );
  });

  it("imports the seed article as text/plain with the site footer gone", async () => {
    const response = await h.call("POST", "/api/articles", { body: SEED, type: "text/plain; charset=utf-8" });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.title).toBe("التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية");
    expect(body.body.startsWith("أكد قائد قوة المهام المشتركة")).toBe(true);
    expect(body.body.endsWith("من أجل تعزيز القدرات الدفاعية.")).toBe(true);
    for (const footer of ["-----", "vdcnsy@gmail.com", "تابعنا", "ملاحظاتك", "قاعدة بيانات"]) {
      expect(body.body).not.toContain(footer);
    }
    expect(body.body.split("\n\n")).toHaveLength(16);
  });
});

describe("preview", () => {
  it("shows what each channel would send, in the contract's shape", async () => {
    const created = await (await h.call("POST", "/api/articles", { body: SEED, type: "text/plain" })).json();
    const response = await h.call("GET", `/api/articles/${created.id}/preview`);
    expect(response.status).toBe(200);
    const preview = await response.json();
    expect(preview.twitter.posts).toHaveLength(1);
    expect(preview.twitter.posts[0].weightedLength).toBeLessThanOrEqual(280);
    expect(preview.twitter.posts[0].text).toContain(created.url);
    expect(preview.telegram).toMatchObject({ parseMode: "HTML" });
    expect(preview.telegram.text).toContain(
      "<b>التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية</b>",
    );
    expect(preview["telegram-bot"].parseMode).toBe("HTML");
    expect(preview.facebook).toMatchObject({ link: created.url });
    expect(preview.rss).toMatchObject({ title: created.title, link: created.url, guid: created.id });
    expect(JSON.stringify(preview)).not.toContain("تابعنا");
  });

  it("answers 404 for an unknown article", async () => {
    expect((await h.call("GET", "/api/articles/0000000000000000000/preview")).status).toBe(404);
  });
});
