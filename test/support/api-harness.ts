import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import type { Redis } from "ioredis";
import { inject } from "vitest";
import { type Config, loadConfig } from "../../config/index.js";
import type { AppEnv } from "../../src/api/app-env.js";
import { composeApi } from "../../src/boot/compose.js";
import { createLogger } from "../../src/logger.js";
import { createRedisConnection, waitForReady } from "../../src/queue/connection.js";
import type { ArticleStore } from "../../src/store/article-store.js";
import "./provided.js";

export const TEST_TOKEN = "test-token-0123456789abcdef";
export const OTHER_TOKEN = "other-token-0123456789abcdef";

/** Test assertions read arbitrary JSON bodies; typing each one would only repeat the assertion. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Json = any;
export type TestResponse = Omit<Response, "json"> & { json(): Promise<Json> };

export interface ApiHarness {
  app: Hono<AppEnv>;
  config: Config;
  redis: Redis;
  store: ArticleStore;
  prefix: string;
  /** Sends a request with the editor's token unless `token: null`. */
  call(
    method: string,
    path: string,
    init?: {
      json?: unknown;
      body?: string | Uint8Array;
      type?: string;
      token?: string | null;
      headers?: Record<string, string>;
    },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

/** A unique key prefix, so test files sharing one redis-server never see each other's data. */
export const uniquePrefix = (label: string) => `t-${label}-${randomBytes(4).toString("hex")}:`;

export async function createApiHarness(label: string, env: Record<string, string> = {}): Promise<ApiHarness> {
  const redisUrl = inject("redisUrl");
  const config = loadConfig({
    REDIS_URL: redisUrl,
    PUBLIC_URL: "http://news.test",
    API_TOKENS: `editor:${TEST_TOKEN},cms:${OTHER_TOKEN}`,
    LOG_LEVEL: "silent",
    API_RATE_LIMIT: "0",
    ...env,
  });
  const logger = createLogger("silent");
  const redis = createRedisConnection(redisUrl, "api", "sada-test");
  redis.on("error", () => {});
  await waitForReady(redis);
  const prefix = uniquePrefix(label);
  const { app, store } = composeApi({
    config,
    logger,
    redis,
    tokens: config.API_TOKENS ?? [],
    keyPrefix: prefix,
  });
  const call: ApiHarness["call"] = (method, path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const token = init.token === undefined ? TEST_TOKEN : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    // Bytes, not a string: a string body would get a default text/plain content type from Request.
    let body: Uint8Array | undefined =
      typeof init.body === "string" ? new TextEncoder().encode(init.body) : init.body;
    if (init.json !== undefined) {
      body = new TextEncoder().encode(JSON.stringify(init.json));
      headers["content-type"] = "application/json";
    }
    if (init.type !== undefined) headers["content-type"] = init.type;
    return Promise.resolve(app.request(path, { method, headers, body })) as Promise<TestResponse>;
  };
  return {
    app,
    config,
    redis,
    store,
    prefix,
    call,
    close: async () => {
      if (redis.status !== "ready") {
        if (redis.status === "end") await redis.connect().catch(() => {});
        await waitForReady(redis);
      }
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
