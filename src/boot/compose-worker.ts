import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "../../config/index.js";
import { startDeliveryWorkers } from "../../workers/delivery-worker.js";
import type { Channel } from "../channels/channel.js";
import { createChannelRegistry, type SandboxTarget } from "../channels/registry.js";
import { channelModes } from "../channels/status.js";
import { CHANNEL_IDS, type ChannelId, type ChannelMode } from "../domain/channel.js";
import { createDeliveryMetrics } from "../metrics/delivery-metrics.js";
import { createChannelHealth } from "../publishing/channel-health.js";
import { createDeliveryProcessor } from "../publishing/process-delivery.js";
import { createSweep } from "../publishing/sweep.js";
import { createDeliveryQueues } from "../queue/delivery-queues.js";
import { createArticleStore } from "../store/article-store.js";
import { createDeliveryStore } from "../store/delivery-store.js";
import { createPublicationIndex } from "../store/publication-index.js";
import { DEFAULT_KEY_PREFIX, DEFAULT_QUEUE_PREFIX, retryPolicy } from "./compose.js";

export interface ComposeWorkerOptions {
  config: Config;
  logger: Logger;
  /** A worker-role connection (waits for Redis instead of failing). */
  redis: Redis;
  keyPrefix?: string;
  queuePrefix?: string;
  sandbox: SandboxTarget | null;
  telegramBot?: (target: { token: string; apiRoot: string; mode: ChannelMode }) => Channel;
  /** Tests shorten these; production keeps BullMQ's 30 s lock and a one-minute sweep. */
  lockDurationMs?: number;
  sweepEveryMs?: number;
}

/** Jobs started per window: the Telegram channel is paced under 20 posts a minute (platforms.md). */
function limiterFor(config: Config) {
  return (channel: ChannelId) =>
    channel === "telegram"
      ? { max: config.TELEGRAM_CHANNEL_PER_MINUTE, duration: 60_000 }
      : { max: 50, duration: 1_000 };
}

/** The worker role: channels, the delivery processor, one worker per channel and the sweep. */
export function composeWorker(options: ComposeWorkerOptions) {
  const { config, logger, redis } = options;
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const queuePrefix = options.queuePrefix ?? DEFAULT_QUEUE_PREFIX;
  const modes = channelModes(config);
  const publication = createPublicationIndex(redis, keyPrefix);
  const deliveries = createDeliveryStore(redis, keyPrefix);
  const queues = createDeliveryQueues(redis, queuePrefix, retryPolicy(config));
  const channels = createChannelRegistry({
    config,
    modes,
    sandbox: options.sandbox,
    publication,
    ...(options.telegramBot === undefined ? {} : { telegramBot: options.telegramBot }),
  });
  const process = createDeliveryProcessor({
    config,
    logger,
    articles: createArticleStore(redis, { prefix: keyPrefix, publicUrl: config.publicUrl }),
    deliveries,
    publication,
    channels,
    queues,
    metrics: createDeliveryMetrics(redis, keyPrefix),
    health: createChannelHealth(redis, keyPrefix),
  });
  const lockDurationMs = options.lockDurationMs ?? 30_000;
  const sweep = createSweep({ deliveries, queues, logger, stuckAfterMs: lockDurationMs * 4 });
  let workers: Worker[] = [];
  let timer: NodeJS.Timeout | undefined;

  async function runSweep() {
    try {
      await sweep();
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "sweep failed; next run will retry");
    }
  }

  return {
    channels,
    queues,
    sweep,
    start() {
      workers = startDeliveryWorkers({
        connection: redis,
        prefix: queuePrefix,
        channels: CHANNEL_IDS.filter((channel) => channels[channel] !== undefined),
        process,
        logger,
        limiter: limiterFor(config),
        lockDurationMs,
      });
      void runSweep();
      timer = setInterval(() => void runSweep(), options.sweepEveryMs ?? 60_000);
      timer.unref();
      logger.info({ channels: Object.keys(channels) }, "delivery workers started");
    },
    async close() {
      clearInterval(timer);
      await Promise.all(workers.map((worker) => worker.close()));
      await queues.close();
      await Promise.all(Object.values(channels).map((channel) => channel?.close?.()));
    },
  };
}
