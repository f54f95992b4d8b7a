import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { ArticleStore } from "../store/article-store.js";
import type { PublicationIndex } from "../store/publication-index.js";
import { normalizeTopic } from "../store/subscriber-store.js";

/** Topics offered in /topics: the most used tags of the latest published articles. */
export const TOPICS_OFFERED = 12;
export const TOPICS_FROM_ARTICLES = 50;

/**
 * callback_data is at most 64 bytes (Bot API); an Arabic tag of 60 characters is 120. Buttons
 * carry a short hash instead, resolved through a Redis hash kept by this catalog.
 */
export const topicToken = (topic: string) =>
  createHash("sha256").update(topic).digest("base64url").slice(0, 12);

export interface TopicCatalog {
  /** Topics to offer: `extra` (what the reader follows) first, then the most used tags. */
  offered(extra: readonly string[]): Promise<string[]>;
  /** The topic behind a button's token, or null when unknown (an old keyboard). */
  resolve(token: string): Promise<string | null>;
}

export function createTopicCatalog(deps: {
  redis: Redis;
  prefix: string;
  articles: ArticleStore;
  publications: PublicationIndex;
}): TopicCatalog {
  const tokensKey = `${deps.prefix}bot:topic-tokens`;
  return {
    async offered(extra) {
      const entries = await deps.publications.feed({ limit: TOPICS_FROM_ARTICLES });
      const articles = await deps.articles.getMany(entries.map((entry) => entry.articleId));
      const uses = new Map<string, number>();
      for (const article of articles) {
        for (const tag of new Set(article.tags.map(normalizeTopic))) {
          if (tag !== "") uses.set(tag, (uses.get(tag) ?? 0) + 1);
        }
      }
      const popular = [...uses.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([tag]) => tag);
      const topics = [...new Set([...extra, ...popular])].slice(0, Math.max(TOPICS_OFFERED, extra.length));
      if (topics.length > 0) {
        await deps.redis.hset(
          tokensKey,
          Object.fromEntries(topics.map((topic) => [topicToken(topic), topic])),
        );
      }
      return topics;
    },
    resolve: (token) => deps.redis.hget(tokensKey, token),
  };
}
