/**
 * Broadcast at Telegram's limits: 10,000 subscribers against the Telegram stand-in enforcing a
 * global token bucket, scaled up to keep the run short (1,000 msg/s instead of ~30, same shape),
 * with TELEGRAM_BROADCAST_RATE just below it. Prints the achieved rate as a fraction of the limit,
 * the 429s met, duplicates and misses. Asserts nothing.
 * Run: `npx tsx bench/broadcast.ts`; or import { main } from a runner.
 */
import { Writable } from "node:stream";
import { Queue } from "bullmq";
import { newArticleInput } from "../seeds/seed-article.js";
import { createTelegraf } from "../src/bot/telegram-client.js";
import { createBroadcastState } from "../src/broadcast/broadcast-state.js";
import { createTelegramBotChannel } from "../src/channels/telegram-bot/create-telegram-bot-channel.js";
import { createLogger } from "../src/logger.js";
import { createRedisConnection, waitForReady } from "../src/queue/connection.js";
import type { BroadcastPayload } from "../src/queue/jobs.js";
import { BROADCAST_QUEUE } from "../src/queue/names.js";
import { createMemorySandboxState, startSandbox } from "../src/sandbox/index.js";
import { createArticleStore } from "../src/store/article-store.js";
import { createDeliveryStore } from "../src/store/delivery-store.js";
import { createSubscriberStore } from "../src/store/subscriber-store.js";
import { sendBroadcast } from "../test/support/send-broadcast.js";
import { startBroadcastWorker } from "../workers/broadcast-worker.js";
import { benchRedis, fmt, isMain } from "./support.js";

const SUBSCRIBERS = 10_000;
/** The stand-in's global limit (msg/s), scaled up from Telegram's ~30. */
const GLOBAL_LIMIT = 1_000;
/** TELEGRAM_BROADCAST_RATE for the run: just below the limit, as 25 is below 30. */
const RATE = 990;
const TIMEOUT_MS = 120_000;
const PREFIX = "bench-bc:";
const QUEUE_PREFIX = "bench-bull";

export async function main(): Promise<void> {
  const server = await benchRedis();
  const redis = createRedisConnection(server.url, "worker", "sada-bench-broadcast");
  await waitForReady(redis);
  const sandbox = await startSandbox({
    state: createMemorySandboxState(),
    telegram: { limits: { globalPerSecond: GLOBAL_LIMIT } },
  });
  let floodWaits = 0;
  // Count the worker's "flood wait" warnings: each one is a 429 Telegram (the stand-in) answered.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n"))
        if (line.includes("telegram flood wait")) floodWaits += 1;
      done();
    },
  });
  const logger = createLogger("warn", { destination: sink });
  const queue = new Queue<BroadcastPayload>(BROADCAST_QUEUE, { connection: redis, prefix: QUEUE_PREFIX });
  let stopWorker: (() => Promise<void>) | undefined;

  try {
    const subscribers = createSubscriberStore(redis, PREFIX);
    const deliveries = createDeliveryStore(redis, PREFIX);
    const articles = createArticleStore(redis, { prefix: PREFIX, publicUrl: "https://news.example" });
    const chats: number[] = [];
    for (let index = 0; index < SUBSCRIBERS; index++) {
      const user = sandbox.subscribers.addUser();
      await sandbox.subscribers.send(user.id, "/start"); // the stand-in lets the bot write to them
      chats.push(user.id);
    }
    for (let index = 0; index < chats.length; index += 500) {
      await Promise.all(chats.slice(index, index + 500).map((id) => subscribers.subscribe(String(id), "ar")));
    }

    const { article } = await articles.create(
      newArticleInput({ title: "خبر عاجل لكل المشتركين", body: "نص المقال.\n\nفقرة ثانية.", tags: ["عاجل"] }),
      "bench",
    );
    const channel = createTelegramBotChannel({
      mode: "sandbox",
      deliveries,
      subscribers,
      state: createBroadcastState(redis, PREFIX),
      queue,
      retry: { attempts: 8, backoffMs: 1_000 },
    });
    const fanOutStart = performance.now();
    await sendBroadcast({ deliveries, channel, article });
    const fanOutMs = performance.now() - fanOutStart;

    const telegram = createTelegraf({
      token: sandbox.credentials.telegram.token,
      apiRoot: sandbox.urls.telegram,
      maxSockets: 512,
    }).telegram;
    const worker = startBroadcastWorker({
      connection: redis,
      prefix: QUEUE_PREFIX,
      keyPrefix: PREFIX,
      telegram,
      deliveries,
      subscribers,
      rate: RATE,
      logger,
    });
    stopWorker = worker.close;
    const deadline = Date.now() + TIMEOUT_MS;
    while ((await deliveries.get(article.id, "telegram-bot"))?.state !== "posted" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const delivery = await deliveries.get(article.id, "telegram-bot");

    const posts = (await sandbox.posts({ platform: "telegram", limit: SUBSCRIBERS * 2 })).filter((post) =>
      post.text.includes("خبر عاجل لكل المشتركين"),
    );
    const perChat = new Map<string, number>();
    for (const post of posts) perChat.set(post.target, (perChat.get(post.target) ?? 0) + 1);
    const duplicates = [...perChat.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const misses = chats.filter((id) => !perChat.has(String(id))).length;
    const times = posts.map((post) => Date.parse(post.createdAt)).sort((a, b) => a - b);
    const spanS = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
    // n messages over the span from the first to the last: n - 1 intervals.
    const achieved = spanS > 0 ? (posts.length - 1) / spanS : 0;

    console.log("broadcast (10,000 subscribers, stand-in limit %d msg/s, rate %d msg/s)", GLOBAL_LIMIT, RATE);
    console.log(`  fan-out (queue 10,000 jobs):  ${fmt(fanOutMs)} ms`);
    console.log(`  delivery state:               ${delivery?.state} ${JSON.stringify(delivery?.stats)}`);
    console.log(`  messages sent:                ${posts.length} in ${fmt(spanS, 2)} s`);
    console.log(
      `  achieved rate:                ${fmt(achieved, 1)} msg/s = ${fmt(achieved / GLOBAL_LIMIT, 3)} of the limit`,
    );
    console.log(`  429 answers:                  ${floodWaits}`);
    console.log(`  duplicates:                   ${duplicates}`);
    console.log(`  misses:                       ${misses}`);
  } finally {
    await stopWorker?.();
    await queue.close();
    await sandbox.stop();
    await redis.quit();
    await server.cleanup();
  }
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
