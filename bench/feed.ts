/**
 * Reader-surface throughput: `GET /feed.xml` requests per second with 50 and 500 articles in the
 * store, served from the build cache (200) and as 304s, beside `GET /healthz` (one Redis PING)
 * on the same server in the same run, as ratios. A row without the build cache shows what the
 * cache saves, a tag row what a scan of the index costs. The bench articles repeat one paragraph,
 * so their gzip ratio flatters: real articles compress far less. Prints figures; asserts nothing.
 * Run: `npx tsx bench/feed.ts`.
 */
import { Hono } from "hono";
import type { Redis } from "ioredis";
import { loadConfig } from "../config/index.js";
import type { AppEnv } from "../src/api/app-env.js";
import { composeApi } from "../src/boot/compose.js";
import { createFeedCache } from "../src/feed/feed-cache.js";
import { feedRoutes } from "../src/feed/routes.js";
import { createLogger } from "../src/logger.js";
import { createRedisConnection, waitForReady } from "../src/queue/connection.js";
import { createArticleStore } from "../src/store/article-store.js";
import { createPublicationIndex } from "../src/store/publication-index.js";
import { benchRedis, fmt, isMain, type LoadResult, load, serveApp } from "./support.js";

const TOKEN = "bench-token-0123456789abcdef";
const PARAGRAPH = "أكد قائد قوة المهام المشتركة أنّ الشراكة بين التحالف الدولي وقسد مستمرة في مواجهة التنظيم.";

/** `count` articles of about 2 KB each, all in the feed, one minute apart; every 50th tagged "نادر". */
async function seed(redis: Redis, prefix: string, count: number) {
  const store = createArticleStore(redis, { prefix, publicUrl: "https://sada.example" });
  const index = createPublicationIndex(redis, prefix);
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const { article } = await store.create(
      {
        title: `التحالف الدولي يعلن الشراكة الدائمة — ${i}`,
        body: `${PARAGRAPH}\n\n`.repeat(12),
        url: null,
        summary: null,
        tags: i % 50 === 0 ? ["نادر", "سياسة"] : ["سياسة", "سوريا"],
        imageUrl: "https://cdn.example/photos/p.jpg",
        lang: "ar",
        author: "المحرر",
        externalId: `bench-${prefix}-${i}`,
      },
      "bench",
    );
    await index.markPublic(article.id, start + i * 60_000);
    await index.addToFeed(article.id, start + i * 60_000);
  }
}

export async function main() {
  const redis = await benchRedis();
  const connection = createRedisConnection(redis.url, "api");
  // Requests still in flight when the run ends meet a closing connection; that is not a finding.
  connection.on("error", () => {});
  await waitForReady(connection);
  const logger = createLogger("silent");
  const configFor = (env: Record<string, string> = {}) =>
    loadConfig({
      REDIS_URL: redis.url,
      API_TOKENS: `bench:${TOKEN}`,
      API_RATE_LIMIT: "0",
      LOG_LEVEL: "silent",
      ...env,
    });
  const servers: { close(): Promise<void> }[] = [];
  const serve = async (app: Hono<AppEnv>) => {
    const server = await serveApp(app);
    servers.push(server);
    return server.url;
  };
  const composed = (keyPrefix: string, env: Record<string, string> = {}) => {
    const config = configFor(env);
    return serve(
      composeApi({ config, logger, redis: connection, tokens: config.API_TOKENS ?? [], keyPrefix }).app,
    );
  };

  try {
    await seed(connection, "b50:", 50);
    await seed(connection, "b500:", 500);
    const small = await composed("b50:");
    const large = await composed("b500:");
    const largeFull = await composed("b500:", { FEED_SIZE: "500" });
    // The same routes with a cache that keeps nothing: every batch of requests reads, formats and
    // builds the feed (batching still shares one build among requests that arrive together).
    const uncachedConfig = configFor();
    const uncachedApp = new Hono<AppEnv>().route(
      "/",
      feedRoutes({
        config: uncachedConfig,
        publication: createPublicationIndex(connection, "b50:"),
        articles: createArticleStore(connection, { prefix: "b50:", publicUrl: uncachedConfig.publicUrl }),
        cache: createFeedCache(0),
      }),
    );
    const uncached = await serve(uncachedApp);

    const etagOf = async (url: string) => (await fetch(url)).headers.get("etag") ?? "";
    const rows: [string, LoadResult][] = [];
    const run = async (name: string, url: string, headers: Record<string, string> = {}) => {
      await fetch(url, { headers }); // warm the cache
      rows.push([name, await load({ url, headers })]);
    };

    await run("GET /healthz (same server)", `${small}/healthz`);
    const gz = { "accept-encoding": "gzip" };
    await run("feed 50 articles, 200 cached", `${small}/feed.xml`);
    await run("feed 50 articles, 200 cached gzip", `${small}/feed.xml`, gz);
    await run("feed 50 articles, 304", `${small}/feed.xml`, {
      "if-none-match": await etagOf(`${small}/feed.xml`),
    });
    await run("feed 500 in store (size 50), 200 gzip", `${large}/feed.xml`, gz);
    await run("feed 500 in store (size 50), 304", `${large}/feed.xml`, {
      "if-none-match": await etagOf(`${large}/feed.xml`),
    });
    await run("feed 500 items (size 500), 200 gzip", `${largeFull}/feed.xml`, gz);
    await run("feed 500 items (size 500), 304", `${largeFull}/feed.xml`, {
      "if-none-match": await etagOf(`${largeFull}/feed.xml`),
    });
    await run("feed 50, no build cache, gzip", `${uncached}/feed.xml`, gz);
    const rare = `/feed.xml?tag=${encodeURIComponent("نادر")}`;
    await run("tag feed over 500 (scan), 200 gzip", `${large}${rare}`, gz);

    const [, health] = rows[0] ?? [];
    const baseline = health?.requestsPerSecond ?? Number.NaN;
    const sizes = await Promise.all(
      [`${small}/feed.xml`, `${largeFull}/feed.xml`].map(async (url) => ({
        plain: (await (await fetch(url, { headers: { "accept-encoding": "identity" } })).arrayBuffer())
          .byteLength,
        gzip: Number((await fetch(url, { headers: gz })).headers.get("content-length") ?? Number.NaN),
      })),
    );
    console.log("feed: concurrency 50, 5 s each, ratios against GET /healthz on the same server (same run)");
    for (const [name, result] of rows) {
      console.log(
        `  ${name.padEnd(36)} ${fmt(result.requestsPerSecond).padStart(6)} req/s` +
          ` p50 ${fmt(result.p50, 1)} ms p99 ${fmt(result.p99, 1)} ms` +
          ` | ratio ${fmt(result.requestsPerSecond / baseline, 2)}` +
          (result.non2xx + result.errors > 0 ? ` (non-2xx ${result.non2xx}, errors ${result.errors})` : ""),
      );
    }
    for (const [name, size] of [
      ["50 items", sizes[0]],
      ["500 items", sizes[1]],
    ] as const) {
      console.log(
        `  body, ${name}: ${fmt((size?.plain ?? 0) / 1024)} KiB plain, ${fmt((size?.gzip ?? 0) / 1024)} KiB gzip`,
      );
    }
    console.log("  (304 rows count as non-2xx in autocannon: that is the expected answer there)");
    return rows;
  } finally {
    for (const server of servers) await server.close();
    await connection.quit();
    await redis.cleanup();
  }
}

if (isMain(import.meta.url)) await main();
