import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Telegram } from "telegraf";
import { createBroadcastState } from "../src/broadcast/broadcast-state.js";
import { createChatPace } from "../src/broadcast/chat-pace.js";
import { deliverToSubscriber } from "../src/broadcast/deliver-to-subscriber.js";
import { createStatsMirror } from "../src/broadcast/mirror-stats.js";
import { createQueue } from "../src/queue/create-queue.js";
import { type BroadcastPayload, backoffStrategy, jobCatalog } from "../src/queue/jobs.js";
import { BROADCAST_QUEUE } from "../src/queue/names.js";
import type { DeliveryStore } from "../src/store/delivery-store.js";
import type { SubscriberStore } from "../src/store/subscriber-store.js";

export interface BroadcastWorkerOptions {
  /** Blocking connection (`maxRetriesPerRequest: null`), used by BullMQ and the bookkeeping. */
  connection: Redis;
  /** BullMQ prefix. */
  prefix: string;
  /** Sada's key prefix (subscribers, broadcast bookkeeping, deliveries). */
  keyPrefix: string;
  telegram: Telegram;
  deliveries: DeliveryStore;
  subscribers: SubscriberStore;
  /** Messages per second for all broadcasts together (TELEGRAM_BROADCAST_RATE). */
  rate: number;
  logger: Logger;
  concurrency?: number;
  /** BullMQ lock and stalled-check timing; tests shorten them to see a killed worker's jobs again. */
  lockDuration?: number;
  stalledInterval?: number;
}

/**
 * BullMQ's limiter is a fixed window: `max` jobs, then wait for the window to end. Telegram's
 * flood control behaves like a token bucket (platforms.md, "Rates"), so short windows (≤ 200 ms)
 * keep bursts small; the window is chosen so `max` is a whole number.
 */
export function limiterFor(rate: number): { max: number; duration: number } {
  for (const duration of [200, 250, 500, 1000]) {
    const max = (rate * duration) / 1000;
    if (max >= 1 && Number.isInteger(max)) return { max, duration };
  }
  if (rate >= 1) return { max: Math.floor(rate), duration: 1000 };
  return { max: 1, duration: Math.ceil(1000 / rate) };
}

/** Enough jobs in flight to fill the rate at up to ~500 ms per Telegram round trip. */
export const defaultConcurrency = (rate: number) => Math.min(256, Math.max(8, Math.ceil(rate / 2)));

export interface BroadcastWorker {
  worker: Worker<BroadcastPayload>;
  /** Stops taking jobs, waits for running ones (bounded by the caller's shutdown timeout). */
  close(): Promise<void>;
}

/** The fan-out's sender: one message per job, at the global pace, at most once per subscriber. */
export function startBroadcastWorker(options: BroadcastWorkerOptions): BroadcastWorker {
  const state = createBroadcastState(options.connection, options.keyPrefix);
  const pace = createChatPace(options.connection, options.keyPrefix);
  const mirror = createStatsMirror({ state, deliveries: options.deliveries, logger: options.logger });
  // queue.rateLimit pauses every worker of the queue, not only this one (a flood wait is per bot).
  const queue = createQueue<BroadcastPayload>(BROADCAST_QUEUE, options.connection, options.prefix);
  const worker = new Worker<BroadcastPayload>(
    BROADCAST_QUEUE,
    async (job, token) => {
      jobCatalog.broadcast.schema.parse(job.data);
      await deliverToSubscriber(
        {
          telegram: options.telegram,
          state,
          subscribers: options.subscribers,
          pace,
          mirror,
          pauseAll: (ms) => queue.rateLimit(ms),
          logger: options.logger,
        },
        job,
        token,
      );
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? defaultConcurrency(options.rate),
      // Also what makes BullMQ honour queue.rateLimit + RateLimitError at all.
      limiter: limiterFor(options.rate),
      ...(options.lockDuration === undefined ? {} : { lockDuration: options.lockDuration }),
      ...(options.stalledInterval === undefined ? {} : { stalledInterval: options.stalledInterval }),
      settings: { backoffStrategy },
    },
  );
  worker.on("error", (error) => options.logger.warn({ err: error.message }, "broadcast worker error"));
  worker.on("failed", (job, error) =>
    options.logger.warn({ jobId: job?.id, err: error.message }, "broadcast job failed"),
  );
  return {
    worker,
    async close() {
      await worker.close();
      mirror.close();
      await queue.close();
    },
  };
}
