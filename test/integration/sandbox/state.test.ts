import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createMemorySandboxState } from "../../../src/sandbox/state/memory-state.js";
import { createRedisSandboxState } from "../../../src/sandbox/state/redis-state.js";
import type { SandboxState } from "../../../src/sandbox/state/state.js";
import type { SandboxPost } from "../../../src/sandbox/types.js";

const redis = new Redis(inject("redisUrl"), { lazyConnect: true });
afterAll(async () => {
  await redis.quit();
});

const post = (id: string, platform: SandboxPost["platform"] = "twitter"): SandboxPost => ({
  platform,
  kind: "tweet",
  id,
  target: "@sada",
  text: `text ${id}`,
  createdAt: new Date().toISOString(),
});

// One conformance suite for every implementation (BullMQ's pattern in style.md).
describe.each<[string, () => SandboxState]>([
  ["memory", () => createMemorySandboxState()],
  ["redis", () => createRedisSandboxState({ redis, prefix: `test:sandbox-state:${Math.random()}:` })],
])("%s SandboxState", (_name, make) => {
  it("keeps posts newest first, filters, updates, forgets on reset", async () => {
    const state = make();
    await state.record(post("1"));
    await state.record(post("2", "facebook"));
    await state.record(post("3"));
    expect((await state.posts()).map((p) => p.id)).toEqual(["3", "2", "1"]);
    expect((await state.posts({ platform: "twitter", limit: 1 })).map((p) => p.id)).toEqual(["3"]);
    expect((await state.update("twitter", "1", { text: "changed" }))?.text).toBe("changed");
    expect((await state.get("twitter", "1"))?.text).toBe("changed");
    expect(await state.update("twitter", "404", { text: "x" })).toBeUndefined();
    await state.reset();
    expect(await state.posts()).toEqual([]);
  });

  it("claims a key once, atomically, and counts ids up", async () => {
    const state = make();
    const results = await Promise.all(["a", "b", "c"].map((id) => state.claim("twitter", "same text", id)));
    expect(results.filter((result) => result === undefined)).toHaveLength(1);
    expect(await state.claim("facebook", "same text", "d")).toBeUndefined();
    expect([await state.nextId("n"), await state.nextId("n")]).toEqual([1, 2]);
  });
});
