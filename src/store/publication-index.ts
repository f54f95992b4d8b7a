import type { Redis } from "ioredis";
import { redisKeys } from "./keys.js";

/**
 * Which articles the public can see, written by the delivery workers:
 * - `public`: an article becomes public when its first delivery starts sending (links posted on
 *   X, Telegram or Facebook must land on a page at once); score = that time (ms).
 * - `feed`: an article enters the RSS feed when its `rss` delivery is posted; score = publication
 *   time (ms), which the feed shows as `pubDate`.
 * Deleting an article removes it from both.
 */
export interface PublicationIndex {
  markPublic(articleId: string, at: number): Promise<void>;
  isPublic(articleId: string): Promise<boolean>;
  /** When the article became public (ms), or null. */
  publicSince(articleId: string): Promise<number | null>;
  addToFeed(articleId: string, at: number): Promise<void>;
  removeFromFeed(articleId: string): Promise<void>;
  /** Feed entries, newest publication first. */
  feed(options: { limit: number; offset?: number }): Promise<{ articleId: string; publishedAt: number }[]>;
  feedSize(): Promise<number>;
  /** Forgets the article everywhere (article deleted). */
  remove(articleId: string): Promise<void>;
}

export function createPublicationIndex(redis: Redis, prefix: string): PublicationIndex {
  const { publicArticles: publicKey, feed: feedKey } = redisKeys(prefix);
  return {
    // NX: the first time counts; a later channel does not move it.
    markPublic: async (articleId, at) => void (await redis.zadd(publicKey, "NX", at, articleId)),
    isPublic: async (articleId) => (await redis.zscore(publicKey, articleId)) !== null,
    publicSince: async (articleId) => {
      const score = await redis.zscore(publicKey, articleId);
      return score === null ? null : Number(score);
    },
    addToFeed: async (articleId, at) => void (await redis.zadd(feedKey, "NX", at, articleId)),
    removeFromFeed: async (articleId) => void (await redis.zrem(feedKey, articleId)),
    feed: async ({ limit, offset = 0 }) => {
      const flat = await redis.zrevrange(feedKey, offset, offset + limit - 1, "WITHSCORES");
      const entries: { articleId: string; publishedAt: number }[] = [];
      for (let index = 0; index + 1 < flat.length; index += 2) {
        entries.push({ articleId: flat[index] ?? "", publishedAt: Number(flat[index + 1]) });
      }
      return entries;
    },
    feedSize: () => redis.zcard(feedKey),
    remove: async (articleId) =>
      void (await redis.multi().zrem(publicKey, articleId).zrem(feedKey, articleId).exec()),
  };
}
