import { Redis } from "ioredis";
import { Telegraf } from "telegraf";
import { TwitterApi } from "twitter-api-v2";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  createRedisSandboxState,
  createSandboxRoutes,
  type Sandbox,
  sandboxTwitterSettings,
  startSandbox,
} from "../../../src/sandbox/index.js";

const redis = new Redis(inject("redisUrl"), { lazyConnect: true });
const prefix = "test:sandbox-start:";
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ redis, prefix, telegram: { maxPollSeconds: 1 } });
  await sandbox.reset();
});

afterAll(async () => {
  await sandbox.stop();
  await redis.quit();
});

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("timed out");
}

describe("startSandbox", () => {
  it("binds three stand-ins to 127.0.0.1 and hands out working credentials", async () => {
    for (const url of Object.values(sandbox.urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    const x = new TwitterApi(sandbox.credentials.twitter, sandboxTwitterSettings(sandbox.urls.twitter));
    const tweet = await x.v2.tweet("من startSandbox");
    expect((await sandbox.posts({ platform: "twitter" }))[0]?.id).toBe(tweet.data.id);
  });

  it("shares posts through Redis with a reader in another process (the API's viewer)", async () => {
    const reader = createRedisSandboxState({ redis, prefix });
    const answer = await createSandboxRoutes(reader).request("/api/sandbox/posts?platform=twitter");
    const body = (await answer.json()) as { posts: { text: string }[] };
    expect(body.posts.map((post) => post.text)).toContain("من startSandbox");
  });

  it("runs a launched telegraf bot by long polling: /start in, reply out", async () => {
    const bot = new Telegraf(sandbox.credentials.telegram.token, {
      telegram: { apiRoot: sandbox.urls.telegram },
    });
    bot.start((ctx) => ctx.reply("أهلا بك"));
    const launched = bot.launch();
    try {
      const user = sandbox.subscribers.addUser();
      await sandbox.subscribers.send(user.id, "/start");
      await until(async () => (await sandbox.subscribers.messagesTo(user.id)).length > 0);
      expect((await sandbox.subscribers.messagesTo(user.id))[0]?.text).toBe("أهلا بك");
    } finally {
      bot.stop("test over");
      await launched.catch(() => undefined);
    }
  });
});
