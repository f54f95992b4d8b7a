import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startService } from "../../support/service-process.js";
import { type BotHarness, createBotHarness, until } from "./bot-harness.js";
import { addSubscribers } from "./subscribers.js";

const SUBSCRIBERS = 40;
const TITLE = "خبر رغم الانهيار";
let h: BotHarness;

beforeAll(async () => {
  // Short lock timing for every worker here: BullMQ's stalled check runs at most once per
  // stalledInterval per queue (a Redis key), so one worker with the 30 s default delays them all.
  h = await createBotHarness("crash", { broadcast: { lockDuration: 2_000, stalledInterval: 1_000 } });
});

afterAll(async () => {
  await h?.close();
});

describe("a broadcast worker killed mid-broadcast", () => {
  it("leaves no subscriber with the article twice; another worker finishes the rest", async () => {
    const chats = await addSubscribers(h, SUBSCRIBERS);
    // Only the process below may take broadcast jobs at first.
    await h.runtime.close();
    const child = startService(["test/integration/bot/broadcast-process.ts"], {
      REDIS_URL: inject("redisUrl"),
      KEY_PREFIX: h.keyPrefix,
      QUEUE_PREFIX: h.queuePrefix,
      TELEGRAM_URL: h.sandbox.urls.telegram,
      TELEGRAM_TOKEN: h.sandbox.credentials.telegram.token,
      RATE: "20",
    });
    try {
      await child.waitForLog("broadcast process ready", 20_000);
      // Slow answers keep sends in flight at the moment of the kill.
      h.sandbox.faults.inject("telegram", { kind: "latency", ms: 600 }, { times: "until-cleared" });
      const { article } = await h.publish({ title: TITLE, tags: [] });
      await until(async () => (await h.delivery(article.id))?.stats !== undefined, 5_000, "fan-out");
      await until(
        async () =>
          (await h.sandbox.posts({ platform: "telegram" })).filter((p) => p.text.includes(TITLE)).length >= 8,
        10_000,
        "some messages out",
      );
      child.child.kill("SIGKILL");
      await child.exited(5_000);
      h.sandbox.faults.clear("telegram");

      // A second worker: the killed one's locks expire (2 s) and its jobs stall back to waiting.
      await h.startRuntime();
      await until(async () => (await h.delivery(article.id))?.state === "posted", 20_000, "posted");

      const copies = new Map<string, number>();
      for (const post of await h.sandbox.posts({ platform: "telegram" })) {
        if (post.text.includes(TITLE)) copies.set(post.target, (copies.get(post.target) ?? 0) + 1);
      }
      expect([...copies.values()].filter((n) => n > 1)).toEqual([]);
      const stats = (await h.delivery(article.id))?.stats;
      expect(stats?.pending).toBe(0);
      expect((stats?.sent ?? 0) + (stats?.failed ?? 0)).toBe(SUBSCRIBERS);
      // Every "sent" really arrived; a "failed" here is a send cut by the kill, possibly arrived.
      expect(copies.size).toBeGreaterThanOrEqual(stats?.sent ?? 0);
      expect(copies.size).toBeLessThanOrEqual(chats.length);
      // The kill cut sends in flight: those are unknown (failed), not re-sent.
      expect(stats?.failed ?? 0).toBeGreaterThan(0);
    } finally {
      if (child.child.exitCode === null) child.child.kill("SIGKILL");
    }
  }, 60_000);
});
