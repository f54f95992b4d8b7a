import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { Hono } from "hono";
import type { Config } from "../../config/index.js";
import type { AppEnv } from "../api/app-env.js";
import { formatOptions } from "../format/format-options-from-config.js";
import { batchByKey } from "./batch-by-key.js";
import { buildFeedXml } from "./build-feed.js";
import { isNotModified, wholeSeconds } from "./conditional.js";
import { type CachedFeed, createFeedCache, type FeedCache } from "./feed-cache.js";
import { feedChannel } from "./feed-channel.js";
import { type FeedSource, selectFeedEntries } from "./feed-entries.js";
import { parseFeedQuery } from "./feed-query.js";
import { feedFingerprint, latestChange } from "./fingerprint.js";

export const FEED_CONTENT_TYPE = "application/rss+xml; charset=utf-8";
/** Short: a correction should reach readers' next poll, and a 304 costs us little. */
export const FEED_CACHE_CONTROL = "public, max-age=60";
/** The site feed plus this many tag feeds stay built in memory. */
export const FEED_CACHE_MAX = 200;

const gzipAsync = promisify(gzip);

/** Whether the client takes gzip (`Accept-Encoding: gzip`, not `gzip;q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding?.trim() !== "gzip" && coding?.trim() !== "x-gzip") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export interface FeedRoutesDeps extends FeedSource {
  config: Config;
  cache?: FeedCache;
  now?: () => number;
}

/** `GET /feed.xml` and `GET /feed.xml?tag=…` (contract: public surface). */
export function feedRoutes(deps: FeedRoutesDeps): Hono<AppEnv> {
  const { config } = deps;
  const cache = deps.cache ?? createFeedCache(FEED_CACHE_MAX);
  const now = deps.now ?? Date.now;
  const options = formatOptions(config);

  /** The current feed: from the cache when what it shows has not changed, else rebuilt. */
  async function currentFeed(tag: string | null): Promise<CachedFeed> {
    const channel = feedChannel(config, tag);
    const entries = await selectFeedEntries(deps, { limit: config.FEED_SIZE, tag });
    const fingerprint = feedFingerprint(channel, entries);
    const key = tag ?? "";
    const previous = cache.get(key);
    if (previous?.fingerprint === fingerprint) return previous;

    const changed = latestChange(entries);
    let lastModified = changed === null ? null : wholeSeconds(changed);
    // An item that left the feed (deleted, unpublished) changes it without any newer item time:
    // Last-Modified must still move forward, or If-Modified-Since would keep the stale feed.
    if (
      previous !== undefined &&
      previous.lastModified !== null &&
      (lastModified === null || lastModified <= previous.lastModified)
    ) {
      lastModified = Math.max(wholeSeconds(now()), previous.lastModified + 1000);
    }
    const xml = buildFeedXml(channel, entries, options);
    const built: CachedFeed = {
      fingerprint,
      // Weak: the same items built twice differ in lastBuildDate, so the bytes are not identical
      // (and one tag serves both the plain and the gzip encoding).
      etag: `W/"${fingerprint}"`,
      xml,
      // Compressed once per build, not per request: a 50-item feed is ~100 KB of text.
      gzip: Uint8Array.from(await gzipAsync(xml)),
      lastModified,
    };
    cache.set(key, built);
    return built;
  }

  const check = batchByKey(currentFeed);
  const app = new Hono<AppEnv>();
  app.get("/feed.xml", async (c) => {
    const { tag } = parseFeedQuery(c.req.queries("tag"));
    const feed = await check(tag);
    c.header("ETag", feed.etag);
    c.header("Cache-Control", FEED_CACHE_CONTROL);
    c.header("Vary", "Accept-Encoding");
    if (feed.lastModified !== null) c.header("Last-Modified", new Date(feed.lastModified).toUTCString());
    const request = {
      ifNoneMatch: c.req.header("if-none-match"),
      ifModifiedSince: c.req.header("if-modified-since"),
    };
    if (isNotModified(request, feed)) return c.body(null, 304);
    c.header("Content-Type", FEED_CONTENT_TYPE);
    if (acceptsGzip(c.req.header("accept-encoding"))) {
      c.header("Content-Encoding", "gzip");
      return c.body(feed.gzip, 200);
    }
    return c.body(feed.xml, 200);
  });
  return app;
}
