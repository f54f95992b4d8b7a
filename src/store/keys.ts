/**
 * Every Redis key Sada writes, in one place, under one prefix (default `sada:`), so tests and
 * several newsrooms can share a Redis without touching each other's data.
 */
export function redisKeys(prefix: string) {
  return {
    article: (id: string) => `${prefix}article:${id}`,
    /** Sorted set, all scores 0: members are ids, which sort by creation time. */
    articleIndex: `${prefix}articles`,
    /** Hash: `ext:<externalId>` / `url:<url>` → article id; the uniqueness index. */
    articleUnique: `${prefix}article-unique`,
    history: (id: string) => `${prefix}history:${id}`,
    deliveries: (articleId: string) => `${prefix}deliveries:${articleId}`,
    /** Sorted set of "articleId channel" members due at a time (score = epoch ms). */
    schedule: `${prefix}schedule`,
    channelStatus: `${prefix}channel-status`,
    published: `${prefix}published`,
    subscribers: `${prefix}subscribers`,
  } as const;
}

export type RedisKeys = ReturnType<typeof redisKeys>;
