import { createHash } from "node:crypto";
import type { FeedChannel } from "./feed-channel.js";
import type { FeedEntry } from "./feed-entries.js";

/**
 * Bump when the feed's markup changes, so ETags handed out by an older Sada stop matching after a
 * deploy even though the articles did not change.
 */
export const FEED_RENDER_VERSION = 1;

/**
 * What the feed shows, as a hash: the channel metadata, and per item its id, its last change and
 * its publication time. Not the bytes: the `rss` package stamps `lastBuildDate` with "now", so two
 * builds of the same feed never have the same bytes.
 */
export function feedFingerprint(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([FEED_RENDER_VERSION, channel]));
  for (const { article, publishedAt } of entries) {
    hash.update(`\n${article.id} ${article.updatedAt} ${publishedAt}`);
  }
  return hash.digest("base64url").slice(0, 27);
}

/** The latest change any item shows (edit or publication), in ms; null for an empty feed. */
export function latestChange(entries: readonly FeedEntry[]): number | null {
  let latest: number | null = null;
  for (const { article, publishedAt } of entries) {
    const updated = Date.parse(article.updatedAt);
    const changed = Number.isFinite(updated) ? Math.max(updated, publishedAt) : publishedAt;
    if (latest === null || changed > latest) latest = changed;
  }
  return latest;
}
