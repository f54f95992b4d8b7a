import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import type { Hono } from "hono";
import { type EmbeddedRedis, startEmbeddedRedis } from "../src/redis/embedded-redis.js";

/** Whether a bench module is the script being run (so `npx tsx bench/x.ts` runs it). */
export const isMain = (url: string) =>
  process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;

/** A throwaway redis-server for one bench run, removed afterwards. */
export async function benchRedis(): Promise<EmbeddedRedis & { cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "sada-bench-"));
  const redis = await startEmbeddedRedis({ dataDir: dir, persist: false });
  return {
    ...redis,
    cleanup: async () => {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its env type
type AnyHono = Hono<any>;

/** Serves an app on 127.0.0.1 and a free port. */
export async function serveApp(app: AnyHono): Promise<{ url: string; close(): Promise<void> }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Runs autocannon for a fixed time and returns throughput and latency percentiles (ms). */
export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ duration: 5, connections: 50, ...options });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export const fmt = (n: number, digits = 0) => n.toFixed(digits);
