import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPublicationIndex, type PublicationIndex } from "../../../src/store/publication-index.js";
import { type ApiHarness, createApiHarness } from "../../support/api-harness.js";
import { article, parseFeed, rfc822, text } from "./feed-support.js";

let h: ApiHarness;
let index: PublicationIndex;
const T0 = Date.UTC(2026, 2, 3, 10, 0, 0); // a Tuesday

async function setUp(env: Record<string, string> = {}) {
  h = await createApiHarness("feed", env);
  index = createPublicationIndex(h.redis, h.prefix);
}
afterEach(async () => {
  await h.close();
});

/** Stores an article and publishes it the way the delivery workers do. */
async function published(at: number, overrides: Parameters<typeof article>[0] = {}) {
  const { article: stored } = await h.store.create(article(overrides), "test");
  await index.markPublic(stored.id, at);
  await index.addToFeed(stored.id, at);
  return stored;
}

const getFeed = async (query = "", headers: Record<string, string> = {}) => {
  const response = await h.call("GET", `/feed.xml${query}`, { token: null, headers });
  return { response, xml: await response.text() };
};

describe("GET /feed.xml — channel", () => {
  beforeEach(() => setUp());

  it("is RSS 2.0 with the required channel elements from config, and the right content type", async () => {
    const { response, xml } = await getFeed();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const { channel, items } = parseFeed(xml);
    expect(text(channel.title)).toBe("Sada");
    expect(text(channel.description)).toBe("Latest articles");
    // The rss package's default site_url is its own GitHub page; ours is PUBLIC_URL.
    expect(channel.link).toBe("http://news.test");
    expect(xml).not.toContain("github.com");
    expect(channel.language).toBe("ar");
    expect(channel.ttl).toBe("15");
    expect(channel["atom:link"]).toEqual([
      { "@_href": "http://news.test/feed.xml", "@_rel": "self", "@_type": "application/rss+xml" },
    ]);
    expect(items).toEqual([]);
  });

  it("takes the site link, image and language from FEED_* settings", async () => {
    await h.close();
    await setUp({
      FEED_SITE_URL: "https://site.example",
      FEED_IMAGE_URL: "https://site.example/logo.png",
      FEED_LANGUAGE: "en",
      FEED_TITLE: "Echo & <Co>",
    });
    const { channel } = parseFeed((await getFeed()).xml);
    expect(channel.link).toBe("https://site.example");
    expect(channel.language).toBe("en");
    expect(text(channel.title)).toBe("Echo & <Co>");
    expect(channel.image).toEqual({
      url: "https://site.example/logo.png",
      title: "Echo & <Co>",
      link: "https://site.example",
    });
    // The self link is where the feed is served, not the site.
    expect(channel["atom:link"][0]["@_href"]).toBe("http://news.test/feed.xml");
  });
});

describe("GET /feed.xml — items", () => {
  beforeEach(() => setUp());

  it("lists feed articles newest first with guid, link, RFC 822 pubDate, creator, categories, bodies, enclosure", async () => {
    const older = await published(T0, { title: "Older", lang: "en", tags: ["Sport"] });
    const newer = await published(T0 + 86_400_000 + 1234, {
      title: "الأحدث",
      author: "سارة",
      tags: ["سياسة", "سوريا"],
      imageUrl: "https://cdn.example/a/photo.JPG?w=800",
      url: "https://site.example/2026/03/x",
    });
    const { items } = parseFeed((await getFeed()).xml);
    expect(items.map((item) => item.guid["#text"])).toEqual([newer.id, older.id]);
    const [first, second] = items;
    expect(text(first.title)).toBe("الأحدث");
    expect(first.link).toBe("https://site.example/2026/03/x");
    expect(second.link).toBe(`http://news.test/articles/${older.id}`);
    expect(first.guid["@_isPermaLink"]).toBe("false");
    expect(rfc822(first.pubDate).getTime()).toBe(Math.floor((T0 + 86_400_000 + 1234) / 1000) * 1000);
    expect(first.pubDate).toBe("Wed, 04 Mar 2026 10:00:01 GMT");
    expect(rfc822(second.pubDate).getTime()).toBe(T0);
    expect(text(first["dc:creator"])).toBe("سارة");
    expect(second["dc:creator"]).toBeUndefined();
    expect(first.category.map(text)).toEqual(["سياسة", "سوريا"]);
    expect(text(first.description)).toContain("الفقرة الأولى");
    expect(text(first["content:encoded"])).toBe(
      "<p>الفقرة الأولى من المقال.</p>\n<p>الفقرة الثانية من المقال.</p>",
    );
    expect(first.enclosure).toEqual({
      "@_url": "https://cdn.example/a/photo.JPG?w=800",
      "@_length": "0",
      "@_type": "image/jpeg",
    });
    expect(second.enclosure).toBeUndefined();
  });

  it("has unique guids, and leaves out articles that are public but not (yet) in the feed", async () => {
    const inFeed = await Promise.all([1, 2, 3].map((i) => published(T0 + i * 1000, { title: `in ${i}` })));
    const { article: onlyPublic } = await h.store.create(article({ title: "only public" }), "test");
    await index.markPublic(onlyPublic.id, T0);
    await h.store.create(article({ title: "draft" }), "test");
    const { xml } = await getFeed();
    const guids = parseFeed(xml).items.map((item) => item.guid["#text"]);
    expect(new Set(guids).size).toBe(guids.length);
    expect(guids.sort()).toEqual(inFeed.map((a) => a.id).sort());
    expect(xml).not.toContain("only public");
    expect(xml).not.toContain("draft");
  });

  it("shows the latest FEED_SIZE items", async () => {
    await h.close();
    await setUp({ FEED_SIZE: "3" });
    const all = [];
    for (let i = 0; i < 5; i++) all.push(await published(T0 + i * 1000, { title: `n${i}` }));
    const guids = parseFeed((await getFeed()).xml).items.map((item) => item.guid["#text"]);
    expect(guids).toEqual([all[4]?.id, all[3]?.id, all[2]?.id]);
  });

  it("round-trips hostile text exactly through a real parser", async () => {
    const hostile = `<script>alert(1)</script> & "x"`;
    await published(T0, {
      title: hostile,
      summary: `a ]]> b <x y="1"> c & 'd'`,
      body: `one ]]> two <b>bold</b>\n\nthree & four`,
      author: `</dc:creator><x>`,
      tags: [`]]>`, "<tag>"],
      lang: "en",
    });
    const { xml } = await getFeed();
    const [item] = parseFeed(xml).items;
    expect(text(item.title)).toBe(hostile);
    expect(text(item.description)).toBe(`a ]]> b <x y="1"> c & 'd'`);
    expect(text(item["dc:creator"])).toBe("</dc:creator><x>");
    expect(item.category.map(text)).toEqual(["]]>", "<tag>"]);
    // The body is HTML for readers: escaped once inside CDATA, so a reader shows the text, not markup.
    expect(text(item["content:encoded"])).toBe(
      "<p>one ]]&#62; two &#60;b&#62;bold&#60;/b&#62;</p>\n<p>three &#38; four</p>",
    );
    // The title sits in CDATA as plain text: the parser yields exactly the editor's characters and
    // no element named script exists in the document.
    expect(xml).toContain(`<title><![CDATA[${hostile}]]></title>`);
  });

  it("strips XML-illegal control characters before they reach the document", async () => {
    await published(T0, {
      title: "A\u0001B\u0008C\u000BD\uFFFE",
      body: "x\u0000y\u001Fz\n\nlone \uD800 surrogate",
      author: "\u0007name",
      tags: ["t\u0002g"],
    });
    const { xml } = await getFeed();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u);
    const [item] = parseFeed(xml).items;
    expect(text(item.title)).toBe("ABCD");
    expect(text(item["dc:creator"])).toBe("name");
    expect(item.category.map(text)).toEqual(["tg"]);
    expect(text(item["content:encoded"])).toBe("<p>xyz</p>\n<p>lone surrogate</p>");
  });
});

describe("GET /feed.xml — corrections and deletions", () => {
  beforeEach(() => setUp());

  it("updates a patched article in place, with the same guid and a new ETag", async () => {
    const stored = await published(T0, { title: "Before", lang: "en" });
    const first = await getFeed();
    const patched = await h.call("PATCH", `/api/articles/${stored.id}`, { json: { title: "After" } });
    expect(patched.status).toBe(200);
    const second = await getFeed();
    const [item] = parseFeed(second.xml).items;
    expect(item.guid["#text"]).toBe(stored.id);
    expect(text(item.title)).toBe("After");
    expect(item.pubDate).toBe(parseFeed(first.xml).items[0].pubDate);
    expect(second.response.headers.get("etag")).not.toBe(first.response.headers.get("etag"));
    const stale = await getFeed("", { "if-none-match": first.response.headers.get("etag") ?? "" });
    expect(stale.response.status).toBe(200);
  });

  it("drops a deleted article, and skips an index entry whose article is gone", async () => {
    const kept = await published(T0, { title: "kept" });
    const removed = await published(T0 + 1000, { title: "removed" });
    const orphan = await published(T0 + 2000, { title: "orphan" });
    const before = await getFeed();
    expect(parseFeed(before.xml).items).toHaveLength(3);

    await h.store.delete(removed.id, "test");
    await index.remove(removed.id);
    // The article store's delete does not (yet) clean the index: the feed must cope.
    await h.store.delete(orphan.id, "test");

    const after = await getFeed("", {
      "if-modified-since": before.response.headers.get("last-modified") ?? "",
    });
    // Nothing newer was published, yet the feed changed: Last-Modified must not say "unchanged".
    expect(after.response.status).toBe(200);
    expect(parseFeed(after.xml).items.map((item) => item.guid["#text"])).toEqual([kept.id]);
  });
});

describe("GET /feed.xml — caching", () => {
  beforeEach(() => setUp());

  it("answers 304 to both validators, and serves the same build from the cache", async () => {
    await published(T0, { title: "cached" });
    const first = await getFeed();
    const etag = first.response.headers.get("etag");
    const lastModified = first.response.headers.get("last-modified");
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/u);
    expect(lastModified).not.toBeNull();
    expect(first.response.headers.get("cache-control")).toBe("public, max-age=60");

    // The rss package stamps lastBuildDate with "now": identical bytes prove a cache hit.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await getFeed();
    expect(again.xml).toBe(first.xml);
    expect(again.response.headers.get("etag")).toBe(etag);

    const byEtag = await getFeed("", { "if-none-match": etag ?? "" });
    expect(byEtag.response.status).toBe(304);
    expect(byEtag.xml).toBe("");
    expect(byEtag.response.headers.get("etag")).toBe(etag);

    const byList = await getFeed("", { "if-none-match": `"other", ${etag}` });
    expect(byList.response.status).toBe(304);

    const byDate = await getFeed("", { "if-modified-since": lastModified ?? "" });
    expect(byDate.response.status).toBe(304);

    const older = new Date(Date.parse(lastModified ?? "") - 1000).toUTCString();
    expect((await getFeed("", { "if-modified-since": older })).response.status).toBe(200);
    // If-None-Match wins over If-Modified-Since (RFC 9110).
    const mismatch = await getFeed("", {
      "if-none-match": '"nope"',
      "if-modified-since": lastModified ?? "",
    });
    expect(mismatch.response.status).toBe(200);
  });

  it("serves the same document gzip-compressed to clients that take it", async () => {
    await published(T0, { title: "compressed" });
    const plain = await getFeed();
    const response = await h.call("GET", "/feed.xml", {
      token: null,
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(response.headers.get("vary")).toBe("Accept-Encoding");
    expect(response.headers.get("etag")).toBe(plain.response.headers.get("etag"));
    expect(gunzipSync(new Uint8Array(await response.arrayBuffer())).toString("utf8")).toBe(plain.xml);
  });

  it("answers simultaneous requests from one read, each seeing every write made before it", async () => {
    const first = await published(T0, { title: "one", lang: "en" });
    const answers = await Promise.all(Array.from({ length: 20 }, () => getFeed()));
    expect(new Set(answers.map((a) => a.response.headers.get("etag"))).size).toBe(1);
    await h.call("PATCH", `/api/articles/${first.id}`, { json: { title: "two" } });
    const [item] = parseFeed((await getFeed()).xml).items;
    expect(text(item.title)).toBe("two");
  });

  it("changes the ETag when an article is published", async () => {
    await published(T0, { title: "one" });
    const first = await getFeed();
    await published(T0 + 1000, { title: "two" });
    const second = await getFeed("", { "if-none-match": first.response.headers.get("etag") ?? "" });
    expect(second.response.status).toBe(200);
    expect(parseFeed(second.xml).items).toHaveLength(2);
  });
});

describe("GET /feed.xml?tag=", () => {
  beforeEach(() => setUp());

  it("lists one tag's articles, case-insensitively, with its own self link", async () => {
    const sport = await published(T0, { tags: ["Sport", "news"], lang: "en" });
    const arabic = await published(T0 + 1000, { tags: ["رياضة"] });
    await published(T0 + 2000, { tags: ["Sports"] });
    const { response, xml } = await getFeed("?tag=sport");
    expect(response.status).toBe(200);
    const { channel, items } = parseFeed(xml);
    expect(items.map((item) => item.guid["#text"])).toEqual([sport.id]);
    expect(channel["atom:link"][0]["@_href"]).toBe("http://news.test/feed.xml?tag=sport");
    const arabicFeed = parseFeed((await getFeed(`?tag=${encodeURIComponent("رياضة")}`)).xml);
    expect(arabicFeed.items.map((item) => item.guid["#text"])).toEqual([arabic.id]);
    expect(arabicFeed.channel["atom:link"][0]["@_href"]).toBe(
      `http://news.test/feed.xml?tag=${encodeURIComponent("رياضة")}`,
    );
  });

  it("answers an unknown tag with an empty but valid feed", async () => {
    await published(T0, { tags: ["a"] });
    const { response, xml } = await getFeed("?tag=nothing-here");
    expect(response.status).toBe(200);
    const { channel, items } = parseFeed(xml);
    expect(items).toEqual([]);
    expect(text(channel.title)).toContain("nothing-here");
    expect(channel.link).toBe("http://news.test");
  });

  it.each([
    ["empty", "?tag="],
    ["blank", "?tag=%20%20"],
    ["repeated", "?tag=a&tag=b"],
    ["too long", `?tag=${"x".repeat(61)}`],
  ])("refuses a bad query (%s) with 400 in the contract's error shape", async (_name, query) => {
    const { response, xml } = await getFeed(query);
    expect(response.status).toBe(400);
    const body = JSON.parse(xml);
    expect(body.error.code).toBe("invalid_query");
    expect(typeof body.error.message).toBe("string");
  });
});
