import { join } from "node:path";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type EmbeddedRedis, runningEmbeddedRedis, startEmbeddedRedis } from "../redis/embedded-redis.js";

import { BootError } from "./boot-error.js";

export { BootError } from "./boot-error.js";

const MIN_VERSION = [6, 2];

/** The Redis to use: `REDIS_URL`, or (role `all` only) an embedded redis-server in DATA_DIR. */
export async function obtainRedis(options: {
  redisUrl: string | undefined;
  dataDir: string;
  allowEmbedded: boolean;
  /** Use the embedded Redis of a Sada already running on DATA_DIR (the seed loader) instead of refusing. */
  shareRunning?: boolean;
  logger: Logger;
}): Promise<{ url: string; embedded: EmbeddedRedis | null }> {
  if (options.redisUrl !== undefined) return { url: options.redisUrl, embedded: null };
  if (!options.allowEmbedded) {
    throw new BootError(
      "Invalid REDIS_URL: required when running one role per process (start:api, start:worker)",
    );
  }
  // Two redis-servers appending to one AOF would corrupt it: share the running one, or refuse.
  const running = await runningEmbeddedRedis(join(options.dataDir, "redis"));
  if (running !== null) {
    if (options.shareRunning === true) return { url: running.url, embedded: null };
    throw new BootError(
      `Invalid DATA_DIR: ${options.dataDir} is in use by a running Sada (pid ${running.pid}); stop it or choose another DATA_DIR`,
    );
  }
  const embedded = await startEmbeddedRedis({ dataDir: join(options.dataDir, "redis") }).catch(
    (error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      // A DATA_DIR that cannot hold the Redis files (not a directory, no permission).
      if (code !== undefined)
        throw new BootError(`Invalid DATA_DIR: cannot use ${options.dataDir} (${code})`);
      throw error;
    },
  );
  options.logger.info({ port: embedded.port }, "embedded redis-server started");
  return { url: embedded.url, embedded };
}

/** Refuses a Redis older than 6.2 or one that may evict keys (BullMQ would silently lose jobs). */
export async function checkRedis(redis: Redis, logger: Logger): Promise<void> {
  const info = await redis.info("server");
  const version = /redis_version:(\d+)\.(\d+)/u.exec(info);
  const major = Number(version?.[1] ?? 0);
  const minor = Number(version?.[2] ?? 0);
  const [minMajor = 6, minMinor = 2] = MIN_VERSION;
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    throw new BootError(`Invalid REDIS_URL: Redis ${major}.${minor} is too old; Sada needs Redis ≥ 6.2`);
  }
  try {
    const policy = (await redis.config("GET", "maxmemory-policy")) as string[];
    if (policy[1] !== undefined && policy[1] !== "noeviction") {
      throw new BootError(
        `Invalid REDIS_URL: maxmemory-policy is ${policy[1]}; set it to noeviction or queued jobs may be evicted`,
      );
    }
  } catch (error) {
    if (error instanceof BootError) throw error;
    // Managed Redis services often refuse CONFIG; say so and go on.
    logger.warn("could not read maxmemory-policy (CONFIG refused); make sure it is noeviction");
  }
}
