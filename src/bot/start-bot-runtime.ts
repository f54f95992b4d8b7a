import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { startBroadcastWorker } from "../../workers/broadcast-worker.js";
import { startTelegramUpdateWorker } from "../../workers/telegram-update-worker.js";
import { createQueue } from "../queue/create-queue.js";
import type { TelegramUpdatePayload } from "../queue/jobs.js";
import { TELEGRAM_UPDATES_QUEUE } from "../queue/names.js";
import type { ArticleStore } from "../store/article-store.js";
import type { DeliveryStore } from "../store/delivery-store.js";
import type { PublicationIndex } from "../store/publication-index.js";
import { createSubscriberStore } from "../store/subscriber-store.js";
import { setUpBot } from "./create-bot.js";
import { type Polling, startPolling } from "./polling.js";
import { registerBot } from "./register-bot.js";
import { createTelegraf } from "./telegram-client.js";
import { createTopicCatalog } from "./topic-catalog.js";
import { createUpdateInbox } from "./update-inbox.js";

export interface BotRuntimeOptions {
  /** TELEGRAM_BOT_TOKEN, or the sandbox's token. */
  token: string;
  /** TELEGRAM_API_URL, or the sandbox's Bot API root. */
  apiRoot: string;
  publicUrl: string;
  webhookSecret: string | undefined;
  /** TELEGRAM_BROADCAST_RATE. */
  broadcastRate: number;
  /** A worker connection (`maxRetriesPerRequest: null`). */
  connection: Redis;
  keyPrefix: string;
  queuePrefix: string;
  articles: ArticleStore;
  publications: PublicationIndex;
  deliveries: DeliveryStore;
  logger: Logger;
  /** Register commands and webhook at boot (default true); tests may do it themselves. */
  register?: boolean;
  /** Passed to the broadcast worker (tests shorten lock timing; the bench raises concurrency). */
  broadcast?: { concurrency?: number; lockDuration?: number; stalledInterval?: number };
}

export interface BotRuntime {
  mode: "webhook" | "polling";
  close(): Promise<void>;
}

/**
 * The worker role's bot: getMe once, commands and webhook registered, the update worker, the
 * broadcast worker, and long polling when there is no webhook secret.
 */
export async function startBotRuntime(options: BotRuntimeOptions): Promise<BotRuntime> {
  const { connection, keyPrefix, logger } = options;
  const bot = createTelegraf({ token: options.token, apiRoot: options.apiRoot });
  const subscribers = createSubscriberStore(connection, keyPrefix);
  const botInfo = await bot.telegram.getMe();
  setUpBot({
    bot,
    botInfo,
    subscribers,
    topics: createTopicCatalog({
      redis: connection,
      prefix: keyPrefix,
      articles: options.articles,
      publications: options.publications,
    }),
    articles: options.articles,
    publications: options.publications,
    logger,
  });
  const mode =
    options.register === false
      ? options.webhookSecret === undefined
        ? "polling"
        : "webhook"
      : (
          await registerBot({
            telegram: bot.telegram,
            publicUrl: options.publicUrl,
            webhookSecret: options.webhookSecret,
          })
        ).mode;

  const updatesQueue = createQueue<TelegramUpdatePayload>(
    TELEGRAM_UPDATES_QUEUE,
    connection,
    options.queuePrefix,
  );
  const inbox = createUpdateInbox({ redis: connection, prefix: keyPrefix, queue: updatesQueue });
  const updateWorker = startTelegramUpdateWorker({
    connection,
    prefix: options.queuePrefix,
    bot,
    inbox,
    logger,
  });
  const broadcast = startBroadcastWorker({
    connection,
    prefix: options.queuePrefix,
    keyPrefix,
    telegram: bot.telegram,
    deliveries: options.deliveries,
    subscribers,
    rate: options.broadcastRate,
    logger,
    ...options.broadcast,
  });
  const polling: Polling | undefined =
    mode === "polling"
      ? startPolling({ telegram: bot.telegram, inbox, redis: connection, prefix: keyPrefix, logger })
      : undefined;
  logger.info({ mode, bot: botInfo.username }, "telegram bot started");

  return {
    mode,
    async close() {
      await polling?.stop();
      await Promise.all([updateWorker.close(), broadcast.close()]);
      await updatesQueue.close();
    },
  };
}
