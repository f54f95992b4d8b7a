import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChannelId } from "../../../src/domain/channel.js";
import { createPipelineHarness, type PipelineHarness } from "../../support/pipeline-harness.js";

let h: PipelineHarness;
beforeAll(async () => {
  h = await createPipelineHarness("errors");
});
afterEach(() => h.sandbox.faults.clear());
afterAll(async () => {
  await h.close();
});

let counter = 0;
/** A fresh article (distinct text, so no platform sees a duplicate) published to one channel. */
async function publishTo(channel: ChannelId) {
  counter += 1;
  const article = await h.createArticle({
    title: `Error case ${counter}`,
    lang: "en",
    body: `Body ${counter}.`,
    tags: [],
  });
  const response = await h.call("POST", `/api/articles/${article.id}/publish`, { channels: [channel] });
  expect(response.status).toBe(202);
  return article.id as string;
}

const postsOn = async (platform: "twitter" | "telegram" | "facebook", text: string) =>
  (await h.sandbox.posts({ platform })).filter((post) => post.text.includes(text));

describe("transient errors", () => {
  it.each(["twitter", "telegram", "facebook"] as const)(
    "%s: a 5xx is retried with backoff, then posted",
    async (channel) => {
      h.sandbox.faults.inject(channel, { kind: "5xx" }, { times: 2 });
      const id = await publishTo(channel);
      const delivery = await h.waitForDelivery(id, channel, (d) => d.state === "posted");
      expect(delivery.attempts).toBe(3);
      expect(await postsOn(channel, `Error case ${counter}`)).toHaveLength(1);
    },
  );

  it("fails as retryable once the attempts run out, and an editor's retry posts it", async () => {
    h.sandbox.faults.inject("facebook", { kind: "5xx" }, { times: 3 });
    const id = await publishTo("facebook");
    const failed = await h.waitForDelivery(id, "facebook", (d) => d.state === "failed");
    expect(failed).toMatchObject({ attempts: 3, error: { retryable: true, code: "platform_error" } });
    const retried = await h.call("POST", `/api/articles/${id}/deliveries/facebook/retry`);
    expect(retried.status).toBe(202);
    const posted = await h.waitForDelivery(id, "facebook", (d) => d.state === "posted");
    expect(posted.attempts).toBe(4);
    expect((await h.call("POST", `/api/articles/${id}/deliveries/facebook/retry`)).status).toBe(409);
  });
});

describe("rate limits", () => {
  it("telegram: a 429 waits retry_after without spending an attempt", async () => {
    h.sandbox.faults.inject("telegram", { kind: "429", retryAfter: 1 });
    const started = Date.now();
    const id = await publishTo("telegram");
    const delivery = await h.waitForDelivery(id, "telegram", (d) => d.state === "posted");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(delivery.attempts).toBe(1);
    const metrics = await (await h.app.request("/metrics")).text();
    expect(metrics).toMatch(/sada_deliveries_total\{channel="telegram",event="rate_limited"\} 1/);
  });

  it("facebook: a throttling code pauses and resumes without spending an attempt", async () => {
    h.sandbox.faults.inject("facebook", { kind: "429", retryAfter: 1 });
    const id = await publishTo("facebook");
    const queued = await h.waitForDelivery(
      id,
      "facebook",
      (d) => d.state === "queued" && d.lastError !== undefined,
    );
    expect(queued).toMatchObject({ attempts: 0, lastError: { code: "throttled" } });
    // The Graph answer carries no seconds; Sada waits the usage header's estimate (one minute
    // here): the whole facebook queue is paused for it.
    const queue = h.worker.queues.get("facebook");
    expect(await queue.getRateLimitTtl()).toBeGreaterThan(50_000);
    // Lift the pause instead of waiting it out (once the stand-in's one-second throttle window is
    // over), and restart the worker that is sleeping through it.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await queue.removeRateLimitKey();
    await h.restartWorker();
    const posted = await h.waitForDelivery(id, "facebook", (d) => d.state === "posted");
    expect(posted.attempts).toBe(1);
  });

  it("twitter: a 429 waits until the rate-limit reset without spending an attempt", async () => {
    h.sandbox.faults.inject("twitter", { kind: "429", retryAfter: 1 });
    const started = Date.now();
    const id = await publishTo("twitter");
    const posted = await h.waitForDelivery(id, "twitter", (d) => d.state === "posted", 20_000);
    expect(posted.attempts).toBe(1);
    // The stand-in's reset is a second away (x-rate-limit-reset): nothing is posted before it.
    expect(Date.parse(posted.postedAt) - started).toBeGreaterThanOrEqual(900);
  });
});

describe("permanent errors", () => {
  it.each([
    ["twitter", "auth_failed", /TWITTER_/],
    ["telegram", "token_invalid", /TELEGRAM_BOT_TOKEN/],
    ["facebook", "token_expired", /renew it/],
  ] as const)(
    "%s: a dead token fails once, with a message an editor can act on",
    async (channel, code, message) => {
      h.sandbox.faults.inject(channel, { kind: "dead-token" }, { times: "until-cleared" });
      const id = await publishTo(channel);
      const failed = await h.waitForDelivery(id, channel, (d) => d.state === "failed");
      expect(failed.attempts).toBe(1);
      expect(failed.error).toMatchObject({ code, retryable: false });
      expect(failed.error?.message).toMatch(message);
      const channels = await (await h.call("GET", "/api/channels")).json();
      const status = channels.channels.find((c: { id: string }) => c.id === channel);
      expect(status).toMatchObject({ ok: false, lastError: { code } });
      h.sandbox.faults.clear();
      await h.call("POST", `/api/articles/${id}/deliveries/${channel}/retry`);
      await h.waitForDelivery(id, channel, (d) => d.state === "posted");
      const healed = await (await h.call("GET", "/api/channels")).json();
      expect(healed.channels.find((c: { id: string }) => c.id === channel).ok).toBe(true);
    },
  );

  it.each([
    ["twitter", "forbidden", /X refused the post \(403: You are not permitted/],
    ["telegram", "rejected", /Telegram refused the message \(400/],
    ["facebook", "invalid_parameter", /Facebook refused a parameter/],
  ] as const)(
    "%s: refused content fails at once, not retried, and the channel stays ok",
    async (channel, code, message) => {
      h.sandbox.faults.inject(channel, { kind: "reject" });
      const id = await publishTo(channel);
      const failed = await h.waitForDelivery(id, channel, (d) => d.state === "failed");
      expect(failed).toMatchObject({ attempts: 1, error: { code, retryable: false } });
      expect(failed.error.message).toMatch(message);
      const channels = await (await h.call("GET", "/api/channels")).json();
      expect(channels.channels.find((c: { id: string }) => c.id === channel).ok).toBe(true);
    },
  );

  it("twitter: a duplicate refusal counts as posted, with no new post", async () => {
    const same = {
      title: "Same text twice",
      lang: "en",
      body: "Identical.",
      tags: [],
      url: "https://site.example/same",
    };
    const first = await h.createArticle({ ...same, externalId: "dup-1" });
    await h.call("POST", `/api/articles/${first.id}/publish`, { channels: ["twitter"] });
    await h.waitForDelivery(first.id, "twitter", (d) => d.state === "posted");
    const second = await h.createArticle({ ...same, externalId: "dup-2" });
    await h.call("POST", `/api/articles/${second.id}/publish`, { channels: ["twitter"] });
    const duplicate = await h.waitForDelivery(second.id, "twitter", (d) => d.state === "posted");
    expect(duplicate.attempts).toBe(1);
    expect(await postsOn("twitter", "Same text twice")).toHaveLength(1);
  });
});

describe("unknown outcomes (accept, then drop the connection)", () => {
  it.each(["twitter", "facebook"] as const)(
    "%s: re-sent safely; the duplicate refusal means posted, one post only",
    async (channel) => {
      h.sandbox.faults.inject(channel, { kind: "accept-then-drop" });
      const id = await publishTo(channel);
      const delivery = await h.waitForDelivery(id, channel, (d) => d.state === "posted");
      expect(delivery.attempts).toBe(2);
      expect(await postsOn(channel, `Error case ${counter}`)).toHaveLength(1);
    },
  );

  it("telegram: becomes unknown and is never re-sent on its own", async () => {
    h.sandbox.faults.inject("telegram", { kind: "accept-then-drop" });
    const id = await publishTo("telegram");
    const unknown = await h.waitForDelivery(id, "telegram", (d) => d.state === "unknown");
    expect(unknown.error).toMatchObject({ code: "connection_lost", retryable: true });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await postsOn("telegram", `Error case ${counter}`)).toHaveLength(1);
    expect((await h.waitForDelivery(id, "telegram", () => true)).state).toBe("unknown");
  });
});
