import type { Config } from "../../config/index.js";

/** The `<channel>` metadata of one feed (the site's, or one tag's). */
export interface FeedChannel {
  title: string;
  description: string;
  /** The site the feed belongs to; never the `rss` package's default (its own homepage). */
  siteUrl: string;
  /** This feed's own URL, for `atom:link rel="self"`; carries the tag query of a tag feed. */
  feedUrl: string;
  language: string;
  imageUrl: string | null;
  ttlMinutes: number;
}

export const feedPath = (tag: string | null) =>
  tag === null ? "/feed.xml" : `/feed.xml?tag=${encodeURIComponent(tag)}`;

export function feedChannel(config: Config, tag: string | null): FeedChannel {
  return {
    title: tag === null ? config.FEED_TITLE : `${config.FEED_TITLE} — ${tag}`,
    description: config.FEED_DESCRIPTION,
    siteUrl: config.FEED_SITE_URL ?? config.publicUrl,
    feedUrl: `${config.publicUrl}${feedPath(tag)}`,
    language: config.FEED_LANGUAGE,
    imageUrl: config.FEED_IMAGE_URL ?? null,
    ttlMinutes: config.FEED_TTL_MINUTES,
  };
}
