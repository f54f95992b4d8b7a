import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { article } from "../../../seeds/seed-article.js";
import type { Article } from "../../../src/domain/article.js";
import { buildFeedXml } from "../../../src/feed/build-feed.js";
import type { FeedChannel } from "../../../src/feed/feed-channel.js";
import { feedFingerprint, latestChange } from "../../../src/feed/fingerprint.js";
import { cleanLine } from "../../../src/format/clean.js";
import { DEFAULT_FORMAT_OPTIONS } from "../../../src/format/options.js";
import { parseFeed, text } from "../../integration/feed/feed-support.js";

const channel: FeedChannel = {
  title: "Sada",
  description: "Latest",
  siteUrl: "https://site.example",
  feedUrl: "https://sada.example/feed.xml",
  language: "ar",
  imageUrl: null,
  ttlMinutes: 15,
};

/** A stored article for the feed: the shared fixture with this file's fixed values. */
const stored = (overrides: Partial<Article>): Article =>
  article({
    title: "t",
    body: "b",
    url: "https://site.example/a1",
    lang: "ar",
    createdAt: "2026-03-01T00:00:00.000Z",
    updatedAt: "2026-03-01T00:00:00.000Z",
    ...overrides,
  });

/** Any UTF-16 text: control characters, lone surrogates, `]]>`, markup. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 80 }),
  fc.constantFrom("]]>", "<![CDATA[x]]>", "<script>alert(1)</script>", "&amp; &#0; \u0000", "\uD800x\uDFFF"),
);

describe("buildFeedXml", () => {
  it("is well-formed RSS 2.0 for any article text, and titles round-trip as cleaned", () => {
    fc.assert(
      fc.property(
        anyText,
        anyText,
        anyText,
        fc.array(anyText, { maxLength: 3 }),
        (title, body, author, tags) => {
          const xml = buildFeedXml(
            channel,
            [{ article: stored({ title, body, author, tags }), publishedAt: Date.UTC(2026, 2, 3) }],
            DEFAULT_FORMAT_OPTIONS,
          );
          const { items } = parseFeed(xml);
          expect(items).toHaveLength(1);
          const expected = cleanLine(title);
          // The rss package writes "No title" for an empty one; a cleaned-away title is the only case.
          expect(text(items[0].title)).toBe(expected === "" ? "No title" : expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("feedFingerprint", () => {
  const entry = (overrides: Partial<Article>, publishedAt = 1000) => ({
    article: stored(overrides),
    publishedAt,
  });
  it("changes with an edit, a publication time, the order, or the channel, and only then", () => {
    const base = feedFingerprint(channel, [entry({}), entry({ id: "a2" })]);
    expect(feedFingerprint(channel, [entry({}), entry({ id: "a2" })])).toBe(base);
    expect(
      feedFingerprint(channel, [entry({ updatedAt: "2026-03-02T00:00:00.000Z" }), entry({ id: "a2" })]),
    ).not.toBe(base);
    expect(feedFingerprint(channel, [entry({}, 2000), entry({ id: "a2" })])).not.toBe(base);
    expect(feedFingerprint(channel, [entry({ id: "a2" }), entry({})])).not.toBe(base);
    expect(feedFingerprint({ ...channel, title: "Other" }, [entry({}), entry({ id: "a2" })])).not.toBe(base);
  });

  it("latestChange takes the later of edit and publication", () => {
    const edited = Date.parse("2026-03-02T00:00:00.000Z");
    expect(latestChange([])).toBeNull();
    expect(latestChange([entry({ updatedAt: "2026-03-02T00:00:00.000Z" }, 5), entry({ id: "a2" }, 9)])).toBe(
      edited,
    );
    expect(latestChange([entry({}, edited + 7)])).toBe(edited + 7);
  });
});
