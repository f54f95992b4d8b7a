import http from "node:http";
import { Redis } from "ioredis";
import { ApiRequestError, ApiResponseError, TwitterApi } from "twitter-api-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createFaults } from "../../../src/sandbox/faults.js";
import { listen, type RunningServer } from "../../../src/sandbox/http-server.js";
import { createRedisSandboxState } from "../../../src/sandbox/state/redis-state.js";
import { createTwitterSandbox, type TwitterSandbox } from "../../../src/sandbox/twitter/app.js";
import { createSandboxTwitterPlugin } from "../../../src/sandbox/twitter/plugin.js";
import { DUPLICATE_DETAIL } from "../../../src/sandbox/twitter/problems.js";

const redis = new Redis(inject("redisUrl"), { lazyConnect: true });
const state = createRedisSandboxState({ redis, prefix: "test:sandbox-twitter:" });
const faults = createFaults();
const POSTS_PER_WINDOW = 5;
let sandbox: TwitterSandbox;
let server: RunningServer;

function client(overrides: { appSecret?: string; accessToken?: string } = {}) {
  const credentials = sandbox.options.credentials;
  return new TwitterApi(
    { ...credentials, ...overrides },
    { plugins: [createSandboxTwitterPlugin(server.origin)], httpAgent: new http.Agent() },
  ).readWrite.v2;
}

beforeAll(async () => {
  sandbox = createTwitterSandbox({ state, faults, options: { postsPerWindow: POSTS_PER_WINDOW } });
  server = await listen(sandbox.app.fetch);
});

beforeEach(async () => {
  await state.reset();
  sandbox.reset();
  faults.clear();
});

afterAll(async () => {
  await server.close();
  await redis.quit();
});

describe("X stand-in with the real twitter-api-v2", () => {
  it("posts a tweet and a reply, and records both", async () => {
    const x = client();
    const first = await x.tweet("عاجل: خبر أول من صدى https://example.com/a");
    expect(first.data.id).toMatch(/^\d+$/u);
    const reply = await x.reply("تفاصيل الخبر", first.data.id);
    const posts = await state.posts({ platform: "twitter" });
    expect(posts.map((post) => post.id)).toEqual([reply.data.id, first.data.id]);
    expect(posts[0]?.replyTo).toBe(first.data.id);
  });

  it("uploads media through the v2 chunked endpoints and attaches it", async () => {
    const x = client();
    const image = Buffer.alloc(3000, 7);
    const mediaId = await x.uploadMedia(image, { media_type: "image/png" }, 1024);
    const tweet = await x.tweet("صورة اليوم", { media: { media_ids: [mediaId] } });
    const stored = await state.get("twitter", tweet.data.id);
    expect(stored?.media).toEqual([mediaId]);
  });

  it("refuses a reply to an unknown tweet with 400", async () => {
    const error = await client()
      .reply("رد", "123")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as ApiResponseError).code).toBe(400);
  });

  it("refuses unknown media ids", async () => {
    const error = await client()
      .tweet("x", { media: { media_ids: ["42"] } })
      .catch((e: unknown) => e);
    expect((error as ApiResponseError).code).toBe(400);
  });

  it("refuses a text over 280 weighted characters (Arabic counts 1, presentation forms 2)", async () => {
    const x = client();
    await expect(x.tweet("ب".repeat(280))).resolves.toBeDefined();
    const error = await x.tweet("ﺏ".repeat(141)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as ApiResponseError).code).toBe(403);
  });

  it("answers 403 with X's duplicate detail", async () => {
    const x = client();
    await x.tweet("نص مكرر");
    const error = await x.tweet("نص مكرر").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiResponseError);
    const apiError = error as ApiResponseError;
    expect(apiError.code).toBe(403);
    expect(apiError.data.detail).toBe(DUPLICATE_DETAIL);
    expect(await state.posts({ platform: "twitter" })).toHaveLength(1);
  });

  it("refuses wrong credentials and a bad signature with 401", async () => {
    for (const x of [client({ accessToken: "someone-else" }), client({ appSecret: "wrong-secret" })]) {
      const error = await x.tweet("hello").catch((e: unknown) => e);
      expect((error as ApiResponseError).code).toBe(401);
    }
  });

  it("sends rate-limit headers and 429 when the window is spent", async () => {
    const x = client();
    const first = await x.tweet("tweet 0");
    expect(first).toBeDefined();
    for (let i = 1; i < POSTS_PER_WINDOW; i += 1) await x.tweet(`tweet ${i}`);
    const error = await x.tweet("one too many").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiResponseError);
    const apiError = error as ApiResponseError;
    expect(apiError.code).toBe(429);
    expect(apiError.rateLimit?.limit).toBe(POSTS_PER_WINDOW);
    expect(apiError.rateLimit?.remaining).toBe(0);
    expect(apiError.rateLimit?.reset).toBeGreaterThan(Date.now() / 1000);
    expect(apiError.response.headers["retry-after"]).toBeUndefined();
  });

  it("plays injected faults: 5xx, 429 with a reset, dead token", async () => {
    const x = client();
    faults.inject("twitter", { kind: "5xx" });
    expect(((await x.tweet("a").catch((e: unknown) => e)) as ApiResponseError).code).toBe(503);
    faults.inject("twitter", { kind: "429", retryAfter: 120 });
    const limited = (await x.tweet("b").catch((e: unknown) => e)) as ApiResponseError;
    expect(limited.code).toBe(429);
    expect(limited.rateLimit?.reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 119);
    sandbox.reset();
    faults.inject("twitter", { kind: "dead-token" }, { times: 2 });
    expect(((await x.tweet("c").catch((e: unknown) => e)) as ApiResponseError).code).toBe(401);
    expect(((await x.tweet("c").catch((e: unknown) => e)) as ApiResponseError).code).toBe(401);
    await expect(x.tweet("c")).resolves.toBeDefined();
  });

  it("accept-then-drop records the tweet and gives the client a network error", async () => {
    faults.inject("twitter", { kind: "accept-then-drop" });
    const error = await client()
      .tweet("وصل لكن بلا جواب")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    const posts = await state.posts({ platform: "twitter" });
    expect(posts.map((post) => post.text)).toEqual(["وصل لكن بلا جواب"]);
  });
});
