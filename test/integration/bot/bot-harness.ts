import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { inject } from "vitest";
import { newArticleInput } from "../../../seeds/seed-article.js";
import { type BotRuntime, startBotRuntime } from "../../../src/bot/start-bot-runtime.js";
import { createUpdateInbox } from "../../../src/bot/update-inbox.js";
import { createTelegramWebhookApp } from "../../../src/bot/webhook-route.js";
import { createBroadcastState } from "../../../src/broadcast/broadcast-state.js";
import type { Channel } from "../../../src/channels/channel.js";
import { createTelegramBotChannel } from "../../../src/channels/telegram-bot/create-telegram-bot-channel.js";
import type { Article } from "../../../src/domain/article.js";
import { createLogger } from "../../../src/logger.js";
import { createRedisConnection, waitForReady } from "../../../src/queue/connection.js";
import type { BroadcastPayload, TelegramUpdatePayload } from "../../../src/queue/jobs.js";
import { BROADCAST_QUEUE, TELEGRAM_UPDATES_QUEUE } from "../../../src/queue/names.js";
import { type Sandbox, startSandbox, type TelegramLimits } from "../../../src/sandbox/index.js";
import { type ArticleStore, createArticleStore } from "../../../src/store/article-store.js";
import {
  createDeliveryStore,
  type DeliveryRecord,
  type DeliveryStore,
} from "../../../src/store/delivery-store.js";
import { createPublicationIndex, type PublicationIndex } from "../../../src/store/publication-index.js";
import { createSubscriberStore, type SubscriberStore } from "../../../src/store/subscriber-store.js";
import { sendBroadcast } from "../../support/send-broadcast.js";
import "../../support/provided.js";

export const WEBHOOK_SECRET = "test_webhook-secret_0123456789";
const PUBLIC_URL = "http://news.test";

/** Polls `check` until true, bounded. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, what = "condition") {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface BotHarness {
  sandbox: Sandbox;
  redis: Redis;
  keyPrefix: string;
  queuePrefix: string;
  webhookUrl: string;
  articles: ArticleStore;
  publications: PublicationIndex;
  deliveries: DeliveryStore;
  subscribers: SubscriberStore;
  channel: Channel;
  broadcastQueue: Queue<BroadcastPayload>;
  runtime: BotRuntime;
  /** Starts another runtime (a second worker process) on the same queues. */
  startRuntime(options?: Parameters<typeof startBotRuntime>[0]["broadcast"]): Promise<BotRuntime>;
  /** Creates an article, a `sending` delivery, and runs the channel's send. */
  publish(input: {
    title: string;
    tags?: string[];
  }): Promise<{ article: Article; result: Awaited<ReturnType<Channel["send"]>> }>;
  delivery(articleId: string): Promise<DeliveryRecord | null>;
  /** Telegram messages the bot sent to a chat, oldest first. */
  texts(chatId: number): Promise<string[]>;
  close(): Promise<void>;
}

export async function createBotHarness(
  label: string,
  options: {
    limits?: Partial<TelegramLimits>;
    broadcast?: Parameters<typeof startBotRuntime>[0]["broadcast"];
    rate?: number;
  } = {},
): Promise<BotHarness> {
  const redisUrl = inject("redisUrl");
  const suffix = randomBytes(4).toString("hex");
  const keyPrefix = `t-bot-${label}-${suffix}:`;
  const queuePrefix = `tbull-${label}-${suffix}`;
  const logger = createLogger("silent");
  const redis = createRedisConnection(redisUrl, "worker", "sada-test-bot");
  redis.on("error", () => {});
  await waitForReady(redis);
  const sandbox = await startSandbox({
    redis,
    prefix: keyPrefix,
    telegram: {
      maxPollSeconds: 1,
      webhookRetryMs: 100,
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    },
  });
  const articles = createArticleStore(redis, { prefix: keyPrefix, publicUrl: PUBLIC_URL });
  const publications = createPublicationIndex(redis, keyPrefix);
  const deliveries = createDeliveryStore(redis, keyPrefix);
  const subscribers = createSubscriberStore(redis, keyPrefix);

  // The API side: the webhook route on a real port, as Telegram (the stand-in) would call it.
  const updatesQueue = new Queue<TelegramUpdatePayload>(TELEGRAM_UPDATES_QUEUE, {
    connection: redis,
    prefix: queuePrefix,
  });
  const inbox = createUpdateInbox({ redis, prefix: keyPrefix, queue: updatesQueue });
  const webhook = createTelegramWebhookApp({ secret: WEBHOOK_SECRET, inbox, logger });
  const server = serve({ fetch: webhook.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const runtimes: BotRuntime[] = [];
  const startRuntime = async (broadcast = options.broadcast) => {
    const runtime = await startBotRuntime({
      token: sandbox.credentials.telegram.token,
      apiRoot: sandbox.urls.telegram,
      publicUrl: origin,
      webhookSecret: WEBHOOK_SECRET,
      broadcastRate: options.rate ?? 25,
      connection: redis,
      keyPrefix,
      queuePrefix,
      articles,
      publications,
      deliveries,
      logger,
      ...(broadcast === undefined ? {} : { broadcast }),
    });
    runtimes.push(runtime);
    return runtime;
  };
  const runtime = await startRuntime();

  const broadcastQueue = new Queue<BroadcastPayload>(BROADCAST_QUEUE, {
    connection: redis,
    prefix: queuePrefix,
  });
  const channel = createTelegramBotChannel({
    mode: "sandbox",
    deliveries,
    subscribers,
    state: createBroadcastState(redis, keyPrefix),
    queue: broadcastQueue,
    retry: { attempts: 3, backoffMs: 200 },
  });

  const publish: BotHarness["publish"] = async (input) => {
    const { article } = await articles.create(
      newArticleInput({ title: input.title, body: `${input.title}\n\nنص المقال.`, tags: input.tags ?? [] }),
      "test",
    );
    const result = await sendBroadcast({ deliveries, channel, article });
    return { article, result };
  };

  return {
    sandbox,
    redis,
    keyPrefix,
    queuePrefix,
    webhookUrl: `${origin}/telegram/webhook`,
    articles,
    publications,
    deliveries,
    subscribers,
    channel,
    broadcastQueue,
    runtime,
    startRuntime,
    publish,
    delivery: (articleId) => deliveries.get(articleId, "telegram-bot"),
    texts: async (chatId) =>
      (await sandbox.subscribers.messagesTo(chatId)).map((post) => post.text).reverse(),
    async close() {
      await Promise.all(runtimes.map((item) => item.close().catch(() => {})));
      await sandbox.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await broadcastQueue.obliterate({ force: true }).catch(() => {});
      await updatesQueue.obliterate({ force: true }).catch(() => {});
      await broadcastQueue.close();
      await updatesQueue.close();
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      const bullKeys = await redis.keys(`${queuePrefix}:*`);
      if (bullKeys.length > 0) await redis.del(...bullKeys);
      await redis.quit();
    },
  };
}
