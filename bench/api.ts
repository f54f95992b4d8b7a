/**
 * API throughput: articles created per second and `GET /api/articles/{id}` p50/p99 at
 * concurrency 50 through the whole stack (auth, validation, Redis), beside a bare Hono handler
 * on the same machine in the same run, as a ratio. Prints figures; asserts nothing.
 * Run: `npx tsx bench/api.ts`.
 */
import { Hono } from "hono";
import { loadConfig } from "../config/index.js";
import { composeApi } from "../src/boot/compose.js";
import { createLogger } from "../src/logger.js";
import { createRedisConnection, waitForReady } from "../src/queue/connection.js";
import { benchRedis, fmt, isMain, type LoadResult, load, serveApp } from "./support.js";

const TOKEN = "bench-token-0123456789abcdef";
const ARTICLE = JSON.stringify({
  title: "التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية",
  body: "أكد قائد قوة المهام المشتركة أنّ الشراكة بين التحالف الدولي وقسد مستمرة.\n\n".repeat(20),
  tags: ["داعش", "التحالف الدولي"],
});

/** The ceiling: Hono and node-server alone, answering the same shapes with no work. */
function bareApp() {
  const app = new Hono();
  app.post("/api/articles", async (c) => c.json({ ...(await c.req.json()), id: "x" }, 201));
  app.get("/api/articles/:id", (c) => c.json({ id: c.req.param("id"), title: "t", body: "b" }));
  return app;
}

export async function main() {
  const redis = await benchRedis();
  const config = loadConfig({
    REDIS_URL: redis.url,
    API_TOKENS: `bench:${TOKEN}`,
    API_RATE_LIMIT: "0",
    LOG_LEVEL: "silent",
  });
  const connection = createRedisConnection(redis.url, "api");
  await waitForReady(connection);
  const { app } = composeApi({
    config,
    logger: createLogger("silent"),
    redis: connection,
    tokens: config.API_TOKENS ?? [],
  });
  const sada = await serveApp(app);
  const bare = await serveApp(bareApp());
  const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

  try {
    const seeded = await fetch(`${sada.url}/api/articles`, { method: "POST", headers, body: ARTICLE });
    const { id } = (await seeded.json()) as { id: string };

    const rows: [string, LoadResult, LoadResult][] = [];
    const create = (url: string) =>
      load({ url: `${url}/api/articles`, method: "POST", headers, body: ARTICLE });
    const read = (url: string, path: string) => load({ url: `${url}${path}`, headers });
    rows.push(["POST /api/articles (create)", await create(sada.url), await create(bare.url)]);
    rows.push([
      "GET /api/articles/{id}",
      await read(sada.url, `/api/articles/${id}`),
      await read(bare.url, "/api/articles/x"),
    ]);

    console.log("api: concurrency 50, 5 s each, Sada vs a bare Hono handler (same run)");
    for (const [name, ours, ceiling] of rows) {
      console.log(
        `  ${name.padEnd(30)} sada ${fmt(ours.requestsPerSecond).padStart(6)} req/s p50 ${fmt(ours.p50, 1)} ms p99 ${fmt(ours.p99, 1)} ms` +
          ` | bare ${fmt(ceiling.requestsPerSecond).padStart(6)} req/s p50 ${fmt(ceiling.p50, 1)} ms p99 ${fmt(ceiling.p99, 1)} ms` +
          ` | ratio ${fmt(ours.requestsPerSecond / ceiling.requestsPerSecond, 2)}` +
          (ours.non2xx + ours.errors > 0 ? ` (non-2xx ${ours.non2xx}, errors ${ours.errors})` : ""),
      );
    }
    return rows;
  } finally {
    await sada.close();
    await bare.close();
    await connection.quit();
    await redis.cleanup();
  }
}

if (isMain(import.meta.url)) await main();
