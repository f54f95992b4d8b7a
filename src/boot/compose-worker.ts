import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "../../config/index.js";
import { startDeliveryWorkers } from "../../workers/delivery-worker.js";
import { type BotRuntime, startBotRuntime } from "../bot/start-bot-runtime.js";
import { createBroadcastState } from "../broadcast/broadcast-state.js";
import { createChannelRegistry, type SandboxTarget, telegramTargetOf } from "../channels/registry.js";
import { channelModes } from "../channels/status.js";
import { createTelegramBotChannel } from "../channels/telegram-bot/create-telegram-bot-channel.js";
import { CHANNEL_IDS, type ChannelId } from "../domain/channel.js";
import { createDeliveryMetrics } from "../metrics/delivery-metrics.js";
import { createChannelHealth } from "../publishing/channel-health.js";
import { createDeliveryProcessor } from "../publishing/process-delivery.js";
import { createSweep } from "../publishing/sweep.js";
import { createQueue } from "../queue/create-queue.js";
import { createDeliveryQueues } from "../queue/delivery-queues.js";
import type { BroadcastPayload } from "../queue/jobs.js";
import { BROADCAST_QUEUE } from "../queue/names.js";
import { createArticleStore } from "../store/article-store.js";
import { createDeliveryStore } from "../store/delivery-store.js";
import { createPublicationIndex } from "../store/publication-index.js";
import { createSubscriberStore } from "../store/subscriber-store.js";
import { DEFAULT_KEY_PREFIX, DEFAULT_QUEUE_PREFIX, retryPolicy } from "./compose.js";

export interface ComposeWorkerOptions {
  config: Config;
  logger: Logger;
  /** A worker-role connection (waits for Redis instead of failing). */
  redis: Redis;
  keyPrefix?: string;
  queuePrefix?: string;
  sandbox: SandboxTarget | null;
  /** Run the reader bot (commands, polling, broadcast worker) in this process; default true. */
  botRuntime?: boolean;
  /** Tests shorten these; production keeps BullMQ's 30 s lock and a one-minute sweep. */
  lockDurationMs?: number;
  sweepEveryMs?: number;
}

/**
 * Jobs started per window. The Telegram channel is paced under 20 posts a minute (platforms.md);
 * the others get a limiter far above any platform's pace only because BullMQ honours a manual
 * `rateLimit` (a platform's 429) solely on queues that have one.
 */
export const UNPACED_LIMITER = { max: 1_000, duration: 1_000 } as const;

export function limiterFor(config: Config) {
  return (channel: ChannelId) =>
    channel === "telegram" ? { max: config.TELEGRAM_CHANNEL_PER_MINUTE, duration: 60_000 } : UNPACED_LIMITER;
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
  const articles = createArticleStore(redis, { prefix: keyPrefix, publicUrl: config.publicUrl });
  const broadcastQueue = createQueue<BroadcastPayload>(BROADCAST_QUEUE, redis, queuePrefix);
  const channels = createChannelRegistry({
    config,
    modes,
    sandbox: options.sandbox,
    publication,
    telegramBot: ({ mode }) =>
      createTelegramBotChannel({
        mode,
        deliveries,
        subscribers: createSubscriberStore(redis, keyPrefix),
        state: createBroadcastState(redis, keyPrefix),
        queue: broadcastQueue,
        retry: retryPolicy(config),
      }),
  });
  const process = createDeliveryProcessor({
    config,
    logger,
    articles,
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
  let bot: BotRuntime | undefined;
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
    async start() {
      const telegram = telegramTargetOf({ config, modes, sandbox: options.sandbox });
      if (channels["telegram-bot"] !== undefined && telegram !== null && options.botRuntime !== false) {
        bot = await startBotRuntime({
          token: telegram.token,
          apiRoot: telegram.apiRoot,
          publicUrl: config.publicUrl,
          webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
          broadcastRate: config.TELEGRAM_BROADCAST_RATE,
          connection: redis,
          keyPrefix,
          queuePrefix,
          articles,
          publications: publication,
          deliveries,
          logger,
          broadcast: { lockDuration: lockDurationMs, stalledInterval: lockDurationMs },
        });
      }
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
      await bot?.close();
      await Promise.all(workers.map((worker) => worker.close()));
      await queues.close();
      await broadcastQueue.close();
      await Promise.all(Object.values(channels).map((channel) => channel?.close?.()));
    },
  };
}
