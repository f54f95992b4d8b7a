import type { Redis } from "ioredis";
import type { ChannelId } from "../domain/channel.js";
import { redisKeys } from "../store/keys.js";

/**
 * Delivery counters and the publish-to-posted latency, kept in Redis (HINCRBY) rather than in
 * process memory: with `start:api` and `start:worker` in separate processes, the process that
 * serves `/metrics` is not the one that posts, yet its numbers must cover every worker.
 */
export type DeliveryEvent = "posted" | "failed" | "retried" | "rate_limited" | "unknown";

/** Latency buckets (seconds): a post normally lands in seconds; schedules and waits take longer. */
export const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] as const;

export interface DeliveryMetrics {
  count(event: DeliveryEvent, channel: ChannelId): Promise<void>;
  /** Seconds from the moment the delivery was due to the moment it was posted. */
  observeLatency(channel: ChannelId, seconds: number): Promise<void>;
  read(): Promise<MetricsSnapshot>;
}

export interface MetricsSnapshot {
  counts: { event: DeliveryEvent; channel: string; value: number }[];
  latency: { channel: string; buckets: number[]; sum: number; count: number }[];
}

export function createDeliveryMetrics(redis: Redis, prefix: string): DeliveryMetrics {
  const { metricsCounts: countsKey, metricsLatency: latencyKey } = redisKeys(prefix);
  return {
    count: async (event, channel) => void (await redis.hincrby(countsKey, `${event} ${channel}`, 1)),
    observeLatency: async (channel, seconds) => {
      const multi = redis.multi();
      for (const bound of LATENCY_BUCKETS)
        if (seconds <= bound) multi.hincrby(latencyKey, `${channel} le ${bound}`, 1);
      multi.hincrbyfloat(latencyKey, `${channel} sum`, seconds).hincrby(latencyKey, `${channel} count`, 1);
      await multi.exec();
    },
    read: async () => {
      const counts = Object.entries(await redis.hgetall(countsKey)).map(([field, value]) => {
        const [event, channel] = field.split(" ") as [DeliveryEvent, string];
        return { event, channel, value: Number(value) };
      });
      const raw = await redis.hgetall(latencyKey);
      const channels = new Set(Object.keys(raw).map((field) => field.split(" ")[0] ?? ""));
      const latency = [...channels].map((channel) => ({
        channel,
        buckets: LATENCY_BUCKETS.map((bound) => Number(raw[`${channel} le ${bound}`] ?? 0)),
        sum: Number(raw[`${channel} sum`] ?? 0),
        count: Number(raw[`${channel} count`] ?? 0),
      }));
      return { counts, latency };
    },
  };
}
