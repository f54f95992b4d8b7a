import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import "./provided.js";
import { startEmbeddedRedis } from "../../src/redis/embedded-redis.js";

/** One redis-server for the whole run, on a free port, removed afterwards with its files. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), "sada-test-redis-"));
  const redis = await startEmbeddedRedis({ dataDir, persist: false });
  project.provide("redisUrl", redis.url);
  return async () => {
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
