import { Hono } from "hono";
import type { Redis } from "ioredis";
import type { ChannelMode } from "../domain/channel.js";
import type { AppEnv } from "./app-env.js";

const PING_TIMEOUT_MS = 1_000;

/** Resolves true if Redis answers PING within the timeout. */
export async function pingRedis(redis: Redis): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([redis.ping().then((answer) => answer === "PONG"), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /healthz`: 200 when Redis answers, 503 when it does not; channel modes either way. */
export function healthRoutes(deps: { redis: Redis; channelModes: () => Record<string, ChannelMode> }) {
  const app = new Hono<AppEnv>();
  app.get("/healthz", async (c) => {
    const redisOk = await pingRedis(deps.redis);
    const body = {
      status: redisOk ? "ok" : "unavailable",
      redis: redisOk ? "ok" : "down",
      channels: deps.channelModes(),
    };
    return c.json(body, redisOk ? 200 : 503);
  });
  return app;
}
