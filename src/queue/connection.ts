import { Redis, type RedisOptions } from "ioredis";

/**
 * Three kinds of Redis connection, because BullMQ and an HTTP API want opposite things when
 * Redis goes away (platforms.md, "BullMQ facts"):
 * - `worker`: blocking commands, must wait for Redis forever → `maxRetriesPerRequest: null`.
 * - `producer` (queues fed by the API): fail fast so a request answers 503 instead of hanging.
 * - `api` (the store): same fail-fast behaviour; commands are refused while disconnected.
 */
export type ConnectionRole = "worker" | "producer" | "api";

const FAIL_FAST: RedisOptions = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 2_000,
  commandTimeout: 5_000,
};

/** Reconnect every 100 ms at first, backing off to 2 s: Redis restarts should be noticed quickly. */
const retryStrategy = (times: number) => Math.min(100 * times, 2_000);

export function createRedisConnection(url: string, role: ConnectionRole, name = `sada-${role}`): Redis {
  const base: RedisOptions = { connectionName: name, retryStrategy, lazyConnect: false };
  if (role === "worker") return new Redis(url, { ...base, maxRetriesPerRequest: null });
  // Without an offline queue a command sent before the first connect fails; the first connect is
  // awaited at boot (see waitForRedis), so that only happens when Redis is really down.
  return new Redis(url, { ...base, ...FAIL_FAST });
}

/** Waits until a connection is ready, bounded. */
export async function waitForReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off("ready", onReady);
    };
    redis.on("ready", onReady);
  });
}

/**
 * Whether commands can be sent now. `status` alone lags: right after a drop it still says
 * "ready" while the socket is no longer writable.
 */
export function isRedisUsable(redis: Redis): boolean {
  return redis.status === "ready" && redis.stream?.writable === true;
}
