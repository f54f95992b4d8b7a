/**
 * The Redis keys of articles, deliveries, publication and delivery health/metrics, in one place,
 * under one prefix (default `sada:`), so tests and several newsrooms can share a Redis without
 * touching each other's data. (The bot's subscriber and broadcast keys live beside their stores,
 * under the same prefix.)
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
    /** Sorted set of "articleId channel" open deliveries, scored by when a worker should act (ms). */
    openDeliveries: `${prefix}open-deliveries`,
    /** Sorted sets article id → ms: public since, and in the RSS feed since. */
    publicArticles: `${prefix}public`,
    feed: `${prefix}feed`,
    /** Hash channel → last permanent error (JSON). */
    channelHealth: `${prefix}channel-health`,
    metricsCounts: `${prefix}metrics:counts`,
    metricsLatency: `${prefix}metrics:latency`,
  } as const;
}

export type RedisKeys = ReturnType<typeof redisKeys>;
