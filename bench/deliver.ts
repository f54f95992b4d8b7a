/**
 * Delivery throughput through the whole pipeline: API publish → BullMQ → worker → formatter →
 * real client library → sandbox stand-in → state in Redis, with the stand-ins' rate limits lifted.
 * Beside it, the ceiling: the same BullMQ workers (same queues, concurrency and limiter) running a
 * no-op processor, measured in the same run; the ratio is Sada's share of that ceiling.
 * Telegram's channel is left out: Sada paces it at 18 posts a minute on purpose.
 * Prints figures; asserts nothing. Run: `npx tsx bench/deliver.ts`.
 */
import type { Job } from "bullmq";
import { loadConfig } from "../config/index.js";
import { composeApi, retryPolicy } from "../src/boot/compose.js";
import { composeWorker, limiterFor } from "../src/boot/compose-worker.js";
import type { ChannelId } from "../src/domain/channel.js";
import { createLogger } from "../src/logger.js";
import { createDeliveryMetrics } from "../src/metrics/delivery-metrics.js";
import { createRedisConnection, waitForReady } from "../src/queue/connection.js";
import { createDeliveryQueues } from "../src/queue/delivery-queues.js";
import type { DeliverPayload } from "../src/queue/jobs.js";
import { startSandbox } from "../src/sandbox/index.js";
import { createDeliveryStore } from "../src/store/delivery-store.js";
import { startDeliveryWorkers } from "../workers/delivery-worker.js";
import { benchRedis, fmt, isMain } from "./support.js";

const ARTICLES = 300;
const CHANNELS: ChannelId[] = ["twitter", "facebook", "rss"];
const TOKEN = "bench-token-0123456789abcdef";
const TIMEOUT_MS = 120_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

interface Figures {
  deliveries: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function figures(latencies: number[], seconds: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    deliveries: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
  };
}

async function untilDone(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("bench timed out");
}

async function measureSada(redisUrl: string): Promise<Figures> {
  const config = loadConfig({
    REDIS_URL: redisUrl,
    PUBLIC_URL: "https://news.example",
    API_TOKENS: `bench:${TOKEN}`,
    API_RATE_LIMIT: "0",
    LOG_LEVEL: "silent",
  });
  const logger = createLogger("silent");
  const api = createRedisConnection(redisUrl, "api");
  const workerRedis = createRedisConnection(redisUrl, "worker");
  await waitForReady(api);
  const prefixes = { keyPrefix: "bench:", queuePrefix: "bench-bull" };
  const sandbox = await startSandbox({
    redis: workerRedis,
    prefix: prefixes.keyPrefix,
    twitter: { postsPerWindow: 1_000_000, mediaPerWindow: 1_000_000 },
    facebook: { callsPerWindow: 1_000_000 },
  });
  const app = composeApi({ config, logger, redis: api, tokens: config.API_TOKENS ?? [], ...prefixes });
  const worker = composeWorker({
    config,
    logger,
    redis: workerRedis,
    ...prefixes,
    sandbox: { urls: sandbox.urls, credentials: sandbox.credentials },
  });
  await worker.start();
  const deliveries = createDeliveryStore(api, prefixes.keyPrefix);
  const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
  const ids: string[] = [];
  for (let index = 0; index < ARTICLES; index++) {
    const created = await app.app.request("/api/articles", {
      method: "POST",
      headers,
      body: JSON.stringify({
        title: `Bench article ${index}`,
        body: `Paragraph ${index}.\n\nAnother paragraph.`,
        lang: "en",
      }),
    });
    ids.push(((await created.json()) as { id: string }).id);
  }
  const started = performance.now();
  await Promise.all(
    ids.map((id) =>
      app.app.request(`/api/articles/${id}/publish`, {
        method: "POST",
        headers,
        body: JSON.stringify({ channels: CHANNELS }),
      }),
    ),
  );
  // Poll one cheap counter, not every delivery: the poll shares the event loop with the pipeline.
  const metrics = createDeliveryMetrics(api, prefixes.keyPrefix);
  await untilDone(async () => {
    const { counts } = await metrics.read();
    const posted = counts
      .filter((count) => count.event === "posted")
      .reduce((sum, count) => sum + count.value, 0);
    return posted >= ids.length * CHANNELS.length;
  });
  const seconds = (performance.now() - started) / 1000;
  const all = (await Promise.all(ids.map((id) => deliveries.list(id)))).flat();
  const latencies = all.map((delivery) =>
    delivery.state === "posted"
      ? Date.parse(delivery.postedAt) - Date.parse(delivery.queuedAt ?? delivery.updatedAt)
      : 0,
  );
  await worker.close();
  await app.close();
  await sandbox.stop();
  await api.quit();
  await workerRedis.quit();
  return figures(latencies, seconds);
}

async function measureNoop(redisUrl: string): Promise<Figures> {
  const config = loadConfig({ REDIS_URL: redisUrl, LOG_LEVEL: "silent" });
  const connection = createRedisConnection(redisUrl, "worker");
  const queuePrefix = "noop-bull";
  const queues = createDeliveryQueues(connection, queuePrefix, retryPolicy(config));
  const latencies: number[] = [];
  const workers = startDeliveryWorkers({
    connection,
    prefix: queuePrefix,
    channels: CHANNELS,
    logger: createLogger("silent"),
    limiter: limiterFor(config),
    process: async (_payload: DeliverPayload, job: Job<DeliverPayload>) => {
      latencies.push(Date.now() - job.timestamp);
    },
  });
  const started = performance.now();
  const adds: Promise<void>[] = [];
  for (let index = 0; index < ARTICLES; index++) {
    const articleId = `${index.toString(36).padStart(9, "0")}noopbench`.padEnd(19, "x");
    for (const channel of CHANNELS) adds.push(queues.enqueue({ articleId, channel, generation: 0 }));
  }
  await Promise.all(adds);
  await untilDone(async () => latencies.length >= ARTICLES * CHANNELS.length);
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((worker) => worker.close()));
  await queues.close();
  await connection.quit();
  return figures(latencies, seconds);
}

export async function main() {
  const redis = await benchRedis();
  try {
    const noop = await measureNoop(redis.url);
    const sada = await measureSada(redis.url);
    console.log(
      `deliver: ${ARTICLES} articles × ${CHANNELS.join(", ")} (stand-in limits lifted; same workers, concurrency 4 per channel queue, in both)`,
    );
    for (const [name, f] of [
      ["sada pipeline", sada],
      ["no-op processor", noop],
    ] as const) {
      console.log(
        `  ${name.padEnd(16)} ${String(f.deliveries).padStart(5)} deliveries in ${fmt(f.seconds, 2)} s = ${fmt(f.perSecond, 1).padStart(7)}/s` +
          `  publish→posted p50 ${fmt(f.p50)} ms p99 ${fmt(f.p99)} ms`,
      );
    }
    console.log(`  ratio (sada / no-op throughput): ${fmt(sada.perSecond / noop.perSecond, 2)}`);
    return { sada, noop };
  } finally {
    await redis.cleanup();
  }
}

if (isMain(import.meta.url)) await main();
