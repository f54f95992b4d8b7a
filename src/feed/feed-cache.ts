/** A built feed and the validators that describe it. */
export interface CachedFeed {
  fingerprint: string;
  etag: string;
  xml: string;
  /** The same document, gzip-compressed. */
  gzip: Uint8Array<ArrayBuffer>;
  /** ms; whole seconds, as HTTP dates carry no more. Null for an empty feed with no history. */
  lastModified: number | null;
}

/**
 * The latest build per feed (the site feed and each tag feed), least recently used evicted
 * first. Bounded because `?tag=` is reader input: a crawler asking for a million tags must not
 * grow the process.
 */
export interface FeedCache {
  get(key: string): CachedFeed | undefined;
  set(key: string, feed: CachedFeed): void;
  readonly size: number;
}

export function createFeedCache(maxFeeds: number): FeedCache {
  const feeds = new Map<string, CachedFeed>();
  return {
    get(key) {
      const feed = feeds.get(key);
      if (feed !== undefined) {
        // Re-inserting moves the key to the end: Map iteration order is the recency order.
        feeds.delete(key);
        feeds.set(key, feed);
      }
      return feed;
    },
    set(key, feed) {
      feeds.delete(key);
      feeds.set(key, feed);
      while (feeds.size > maxFeeds) {
        const oldest = feeds.keys().next();
        if (oldest.done === true) break;
        feeds.delete(oldest.value);
      }
    },
    get size() {
      return feeds.size;
    },
  };
}
