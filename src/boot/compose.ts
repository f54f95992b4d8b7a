import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "../../config/index.js";
import type { ApiToken } from "../api/auth.js";
import { publishingRoutes } from "../api/publishing-routes.js";
import { createApp, type PublicRoutes } from "../app.js";
import { createUpdateInbox } from "../bot/update-inbox.js";
import { createTelegramWebhookApp } from "../bot/webhook-route.js";
import { channelModes } from "../channels/status.js";
import { feedRoutes } from "../feed/routes.js";
import { createDeliveryMetrics } from "../metrics/delivery-metrics.js";
import { metricsRoutes } from "../metrics/metrics-routes.js";
import { pageRoutes } from "../pages/routes.js";
import { createChannelHealth } from "../publishing/channel-health.js";
import { createPublishService } from "../publishing/publish-service.js";
import { createQueue } from "../queue/create-queue.js";
import { createDeliveryQueues } from "../queue/delivery-queues.js";
import type { TelegramUpdatePayload } from "../queue/jobs.js";
import { TELEGRAM_UPDATES_QUEUE } from "../queue/names.js";
import { createRedisSandboxState } from "../sandbox/state/redis-state.js";
import { createSandboxRoutes } from "../sandbox/viewer/routes.js";
import { createArticleStore } from "../store/article-store.js";
import { createDeliveryStore } from "../store/delivery-store.js";
import { createPublicationIndex } from "../store/publication-index.js";

/** Redis key prefix and BullMQ prefix of a normal install; tests pass their own. */
export const DEFAULT_KEY_PREFIX = "sada:";
export const DEFAULT_QUEUE_PREFIX = "sada-bull";

export interface ComposeOptions {
  config: Config;
  logger: Logger;
  /** The API's fail-fast connection. */
  redis: Redis;
  tokens: readonly ApiToken[];
  keyPrefix?: string;
  queuePrefix?: string;
  /** Extra public sub-apps (the Telegram webhook). */
  extraPublicRoutes?: readonly PublicRoutes[];
}

/** Key and queue prefixes from `REDIS_PREFIX`. */
export const redisPrefixes = (config: Config) => ({
  keyPrefix: `${config.REDIS_PREFIX}:`,
  queuePrefix: `${config.REDIS_PREFIX}-bull`,
});

/** The retry policy of delivery jobs, from the config. */
export const retryPolicy = (config: Config) => ({
  attempts: config.DELIVERY_ATTEMPTS,
  backoffMs: config.DELIVERY_BACKOFF_MS,
});

/** Wires the HTTP app from real dependencies: the one composition used by main, seed and tests. */
export function composeApi(options: ComposeOptions) {
  const { config, logger, redis } = options;
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const queuePrefix = options.queuePrefix ?? DEFAULT_QUEUE_PREFIX;
  const store = createArticleStore(redis, { prefix: keyPrefix, publicUrl: config.publicUrl });
  const modes = channelModes(config);
  const publication = createPublicationIndex(redis, keyPrefix);
  const deliveries = createDeliveryStore(redis, keyPrefix);
  const queues = createDeliveryQueues(redis, queuePrefix, retryPolicy(config));
  const health = createChannelHealth(redis, keyPrefix);
  const metrics = createDeliveryMetrics(redis, keyPrefix);
  const publishing = createPublishService({
    articles: store,
    publication,
    deliveries,
    queues,
    modes,
    defaultChannels: config.CHANNELS,
  });
  const anySandbox = Object.values(modes).includes("sandbox");
  // Telegram updates: the webhook only stores and queues them; the worker role handles them.
  const updatesQueue = createQueue<TelegramUpdatePayload>(TELEGRAM_UPDATES_QUEUE, redis, queuePrefix);
  const webhook = createTelegramWebhookApp({
    secret: config.TELEGRAM_WEBHOOK_SECRET,
    inbox: createUpdateInbox({ redis, prefix: keyPrefix, queue: updatesQueue }),
    logger,
  });

  const app = createApp({
    config,
    logger,
    redis,
    tokens: options.tokens,
    articles: {
      store,
      deliveries: { list: publishing.deliveriesOf },
      beforeDelete: async (articleId) => {
        await publishing.forgetArticle(articleId);
        await publication.remove(articleId);
      },
    },
    channels: { modes: () => modes, statuses: () => health.statuses(modes) },
    apiRoutes: [{ path: "/articles", app: publishingRoutes(publishing) }],
    publicRoutes: [
      feedRoutes({ config, publication, articles: store }),
      pageRoutes({ config, publication, articles: store }),
      metricsRoutes({ metrics, queues }),
      ...(anySandbox ? [createSandboxRoutes(createRedisSandboxState({ redis, prefix: keyPrefix }))] : []),
      webhook,
      ...(options.extraPublicRoutes ?? []),
    ],
  });
  return {
    app,
    store,
    modes,
    publication,
    deliveries,
    queues,
    publishing,
    close: async () => {
      await queues.close();
      await updatesQueue.close();
    },
  };
}
