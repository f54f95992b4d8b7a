import type { Hono } from "hono";
import type { Redis } from "ioredis";
import { inject } from "vitest";
import { type Config, loadConfig } from "../../config/index.js";
import type { AppEnv } from "../../src/api/app-env.js";
import { composeApi } from "../../src/boot/compose.js";
import { composeWorker } from "../../src/boot/compose-worker.js";
import type { ChannelId } from "../../src/domain/channel.js";
import type { Delivery } from "../../src/domain/delivery.js";
import { createLogger } from "../../src/logger.js";
import { createRedisConnection, waitForReady } from "../../src/queue/connection.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/index.js";
import { type Json, TEST_TOKEN, type TestResponse, uniquePrefix } from "./api-harness.js";
import "./provided.js";

export interface PipelineHarness {
  config: Config;
  app: Hono<AppEnv>;
  sandbox: Sandbox;
  redis: Redis;
  keyPrefix: string;
  queuePrefix: string;
  worker: ReturnType<typeof composeWorker>;
  call(method: string, path: string, json?: unknown): Promise<TestResponse>;
  /** Creates an article (JSON) and returns its body. */
  createArticle(fields?: Record<string, unknown>): Promise<Json>;
  /** Polls the delivery until `until` holds (bounded), and returns it. */
  waitForDelivery(
    articleId: string,
    channel: ChannelId,
    until: (d: Json) => boolean,
    timeoutMs?: number,
  ): Promise<Json>;
  /** Stops the worker and starts a fresh one on the same queues (a restart). */
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

export const SEED_BODY =
  "أكد قائد قوة المهام المشتركة أنّ الشراكة بين التحالف الدولي وقسد مستمرة.\n\nوتوجه الجنرال بالشكر إلى قوات سوريا الديمقراطية على الجهود التي بذلتها في دحر داعش.";

/**
 * The whole pipeline in-process against the real Redis and the sandbox stand-ins: API app,
 * delivery workers (short locks and a fast sweep), real client libraries.
 */
export async function createPipelineHarness(
  label: string,
  env: Record<string, string> = {},
  options: { redisUrl?: string; lockDurationMs?: number } = {},
): Promise<PipelineHarness> {
  const redisUrl = options.redisUrl ?? inject("redisUrl");
  const keyPrefix = uniquePrefix(label);
  const queuePrefix = `q-${keyPrefix.slice(0, -1)}`;
  const config = loadConfig({
    REDIS_URL: redisUrl,
    PUBLIC_URL: "https://news.example",
    API_TOKENS: `editor:${TEST_TOKEN}`,
    DELIVERY_ATTEMPTS: "3",
    DELIVERY_BACKOFF_MS: "50",
    LOG_LEVEL: "silent",
    API_RATE_LIMIT: "0",
    ...env,
  });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const redis = createRedisConnection(redisUrl, "api", "sada-test-api");
  const workerRedis = createRedisConnection(redisUrl, "worker", "sada-test-worker");
  for (const connection of [redis, workerRedis]) connection.on("error", () => {});
  await waitForReady(redis);
  const sandbox = await startSandbox({ redis: workerRedis, prefix: keyPrefix });
  const api = composeApi({ config, logger, redis, tokens: config.API_TOKENS ?? [], keyPrefix, queuePrefix });
  const makeWorker = () =>
    composeWorker({
      config,
      logger,
      redis: workerRedis,
      keyPrefix,
      queuePrefix,
      sandbox: { urls: sandbox.urls, credentials: sandbox.credentials },
      lockDurationMs: options.lockDurationMs ?? 2_000,
      sweepEveryMs: 500,
    });
  let worker = makeWorker();
  await worker.start();

  const call: PipelineHarness["call"] = (method, path, json) =>
    Promise.resolve(
      api.app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${TEST_TOKEN}`,
          ...(json === undefined ? {} : { "content-type": "application/json" }),
        },
        body: json === undefined ? undefined : JSON.stringify(json),
      }),
    ) as Promise<TestResponse>;

  return {
    config,
    app: api.app,
    sandbox,
    redis,
    keyPrefix,
    queuePrefix,
    get worker() {
      return worker;
    },
    call,
    createArticle: async (fields = {}) => {
      const response = await call("POST", "/api/articles", {
        title: "التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية",
        body: SEED_BODY,
        tags: ["داعش"],
        ...fields,
      });
      if (response.status !== 201)
        throw new Error(`create failed: ${response.status} ${await response.text()}`);
      return response.json();
    },
    waitForDelivery: async (articleId, channel, until, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      let last: Json;
      while (Date.now() < deadline) {
        const response = await call("GET", `/api/articles/${articleId}/deliveries`);
        // 503 while Redis is away (a restart test): keep polling.
        const body = response.status === 200 ? await response.json() : { deliveries: [] };
        last = (body.deliveries as Delivery[]).find((delivery) => delivery.channel === channel);
        if (last !== undefined && until(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`delivery ${channel} did not reach the expected state; last: ${JSON.stringify(last)}`);
    },
    restartWorker: async () => {
      await worker.close();
      worker = makeWorker();
      await worker.start();
    },
    close: async () => {
      await worker.close();
      await api.close();
      await sandbox.stop();
      for (const pattern of [`${keyPrefix}*`, `${queuePrefix}*`]) {
        const keys = await redis.keys(pattern);
        if (keys.length > 0) await redis.del(...keys);
      }
      await redis.quit();
      await workerRedis.quit();
    },
  };
}
