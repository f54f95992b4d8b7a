import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/start-sandbox.js";

const redis = new Redis(inject("redisUrl"), { lazyConnect: true });
const CALLS_PER_WINDOW = 4;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    redis,
    prefix: "test:sandbox-facebook:",
    facebook: { callsPerWindow: CALLS_PER_WINDOW },
  });
});

beforeEach(async () => {
  await sandbox.reset();
});

afterAll(async () => {
  await sandbox.stop();
  await redis.quit();
});

type GraphAnswer = {
  id?: string;
  post_id?: string;
  error?: { code: number; error_subcode?: number; message: string };
};

/** What Sada's channel does: POST form fields with fetch. */
async function post(edge: "feed" | "photos", fields: Record<string, string>, token?: string) {
  const { pageId, pageToken, version } = sandbox.credentials.facebook;
  const response = await fetch(`${sandbox.urls.facebook}/${version}/${pageId}/${edge}`, {
    method: "POST",
    body: new URLSearchParams({ ...fields, access_token: token ?? pageToken }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphAnswer };
}

describe("Graph stand-in over fetch", () => {
  it("posts to the feed and answers <page>_<post>", async () => {
    const answer = await post("feed", { message: "خبر اليوم", link: "https://example.com/a" });
    expect(answer.status).toBe(200);
    expect(answer.body.id).toMatch(new RegExp(`^${sandbox.credentials.facebook.pageId}_\\d+$`, "u"));
    const [stored] = await sandbox.posts({ platform: "facebook" });
    expect(stored).toMatchObject({ text: "خبر اليوم", link: "https://example.com/a", published: true });
  });

  it("takes JSON bodies and photos", async () => {
    const { pageId, pageToken, version } = sandbox.credentials.facebook;
    const response = await fetch(`${sandbox.urls.facebook}/${version}/${pageId}/photos`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: "https://example.com/p.jpg", caption: "صورة", access_token: pageToken }),
    });
    const body = (await response.json()) as GraphAnswer;
    expect(body.post_id).toMatch(/_\d+$/u);
  });

  it("refuses the same message and link twice with code 506", async () => {
    await post("feed", { message: "مكرر", link: "https://example.com/d" });
    const again = await post("feed", { message: "مكرر", link: "https://example.com/d" });
    expect(again.status).toBe(400);
    expect(again.body.error?.code).toBe(506);
    expect((await post("feed", { message: "مكرر", link: "https://example.com/other" })).status).toBe(200);
  });

  it("answers 190 for a wrong token, 190/463 for a dead one, 100 for bad parameters, 200 for another page", async () => {
    expect((await post("feed", { message: "x" }, "nope")).body.error?.code).toBe(190);
    sandbox.faults.inject("facebook", { kind: "dead-token" });
    const dead = await post("feed", { message: "x" });
    expect(dead.body.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect((await post("feed", {})).body.error?.code).toBe(100);
    expect((await post("feed", { message: "x", scheduled_publish_time: "1" })).body.error?.code).toBe(100);
    const { pageToken, version } = sandbox.credentials.facebook;
    const response = await fetch(`${sandbox.urls.facebook}/${version}/999/feed`, {
      method: "POST",
      body: new URLSearchParams({ message: "x", access_token: pageToken }),
    });
    expect(((await response.json()) as GraphAnswer).error?.code).toBe(200);
  });

  it("accepts a scheduled unpublished post", async () => {
    const at = Math.floor(Date.now() / 1000) + 3600;
    const answer = await post("feed", {
      message: "لاحقا",
      published: "false",
      scheduled_publish_time: String(at),
    });
    expect(answer.status).toBe(200);
    const [stored] = await sandbox.posts({ platform: "facebook" });
    expect(stored?.published).toBe(false);
  });

  it("throttles with code 32 and X-Business-Use-Case-Usage", async () => {
    for (let i = 0; i < CALLS_PER_WINDOW; i += 1) await post("feed", { message: `post ${i}` });
    const throttled = await post("feed", { message: "one more" });
    expect(throttled.body.error?.code).toBe(32);
    const usage = JSON.parse(throttled.headers.get("x-business-use-case-usage") ?? "{}");
    const [entry] = usage[sandbox.credentials.facebook.pageId];
    expect(entry.call_count).toBe(100);
    expect(entry.estimated_time_to_regain_access).toBeGreaterThan(0);
  });

  it("plays temporary errors as code 2 with HTTP 500, and injected throttles", async () => {
    sandbox.faults.inject("facebook", { kind: "5xx" });
    const temporary = await post("feed", { message: "x" });
    expect(temporary.status).toBe(500);
    expect(temporary.body.error?.code).toBe(2);
    sandbox.faults.inject("facebook", { kind: "429", retryAfter: 600 });
    const throttled = await post("feed", { message: "x" });
    expect(throttled.body.error?.code).toBe(32);
    expect(throttled.headers.get("x-business-use-case-usage")).toContain(
      '"estimated_time_to_regain_access":10',
    );
  });

  it("accept-then-drop: the post exists, fetch fails", async () => {
    sandbox.faults.inject("facebook", { kind: "accept-then-drop" });
    await expect(post("feed", { message: "هل نُشر؟" })).rejects.toThrow();
    expect((await sandbox.posts({ platform: "facebook" })).map((stored) => stored.text)).toEqual(["هل نُشر؟"]);
  });
});
