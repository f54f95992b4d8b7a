import { describe, expect, it } from "vitest";
import { isNotModified, wholeSeconds } from "../../../src/feed/conditional.js";
import { imageEnclosure } from "../../../src/feed/enclosure.js";
import { createFeedCache } from "../../../src/feed/feed-cache.js";
import { ogLocale } from "../../../src/pages/page-model.js";

describe("isNotModified", () => {
  const current = { etag: 'W/"abc"', lastModified: Date.UTC(2026, 2, 3, 10, 0, 0) };
  const at = (ms: number) => new Date(ms).toUTCString();
  it.each([
    ["matching weak tag", { ifNoneMatch: 'W/"abc"' }, true],
    ["matching strong form of the tag", { ifNoneMatch: '"abc"' }, true],
    ["one of a list", { ifNoneMatch: '"x", W/"abc" ,"y"' }, true],
    ["star", { ifNoneMatch: "*" }, true],
    ["other tag", { ifNoneMatch: '"abd"' }, false],
    ["same date", { ifModifiedSince: at(current.lastModified) }, true],
    ["later date", { ifModifiedSince: at(current.lastModified + 5000) }, true],
    ["earlier date", { ifModifiedSince: at(current.lastModified - 1000) }, false],
    ["garbage date", { ifModifiedSince: "yesterday-ish" }, false],
    [
      "tag mismatch wins over a matching date",
      { ifNoneMatch: '"x"', ifModifiedSince: at(current.lastModified) },
      false,
    ],
    ["no validators", {}, false],
  ])("%s", (_name, headers, expected) => {
    const request = { ifNoneMatch: undefined, ifModifiedSince: undefined, ...headers };
    expect(isNotModified(request, current)).toBe(expected);
  });

  it("never matches a date against an empty feed without history", () => {
    expect(
      isNotModified({ ifNoneMatch: undefined, ifModifiedSince: at(0) }, { etag: "x", lastModified: null }),
    ).toBe(false);
  });

  it("rounds to whole seconds", () => {
    expect(wholeSeconds(1_700_000_000_999)).toBe(1_700_000_000_000);
  });
});

describe("imageEnclosure", () => {
  it.each([
    ["https://cdn.example/a.jpg", "image/jpeg"],
    ["https://cdn.example/a.JPEG?w=800#x", "image/jpeg"],
    ["http://cdn.example/a/b.png", "image/png"],
    ["https://cdn.example/a.webp", "image/webp"],
    ["https://cdn.example/a.gif", "image/gif"],
    ["https://cdn.example/a.avif", "image/avif"],
    ["https://cdn.example/image?id=5", null],
    ["https://cdn.example/a.jpg.exe", null],
    ["ftp://cdn.example/a.jpg", null],
    ["not a url", null],
  ])("%s → %s", (url, type) => {
    const enclosure = imageEnclosure(url);
    expect(enclosure === null ? null : enclosure.type).toBe(type);
    if (enclosure !== null) expect(enclosure).toEqual({ url, type, size: 0 });
  });

  it("gives nothing without an image", () => {
    expect(imageEnclosure(null)).toBeNull();
  });
});

describe("createFeedCache", () => {
  const feed = (fingerprint: string) => ({
    fingerprint,
    etag: fingerprint,
    xml: "",
    gzip: new Uint8Array(),
    lastModified: null,
  });
  it("keeps at most its bound, evicting the least recently used", () => {
    const cache = createFeedCache(2);
    cache.set("a", feed("1"));
    cache.set("b", feed("2"));
    cache.get("a");
    cache.set("c", feed("3"));
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.fingerprint).toBe("1");
    expect(cache.get("c")?.fingerprint).toBe("3");
  });

  it("replaces a key's build", () => {
    const cache = createFeedCache(2);
    cache.set("a", feed("1"));
    cache.set("a", feed("2"));
    expect(cache.size).toBe(1);
    expect(cache.get("a")?.fingerprint).toBe("2");
  });
});

describe("ogLocale", () => {
  it.each([
    ["ar", "ar_AR"],
    ["en", "en_US"],
    ["en-GB", "en_GB"],
    ["ar-EG", "ar_EG"],
    ["fr", "fr_FR"],
    ["zz", null],
    ["und", null],
    ["ar-Latn", "ar_AR"],
    ["", null],
  ])("%s → %s", (lang, expected) => {
    expect(ogLocale(lang)).toBe(expected);
  });
});
