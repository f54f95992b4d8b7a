import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPipelineHarness, type PipelineHarness } from "../../support/pipeline-harness.js";

const PLATFORM_CHANNELS = ["twitter", "telegram", "facebook", "rss"] as const;
let h: PipelineHarness;
beforeAll(async () => {
  h = await createPipelineHarness("publish");
});
afterAll(async () => {
  await h.close();
});

describe("publishing", () => {
  it("publishes an article to every channel, sending byte for byte what the preview shows", async () => {
    const article = await h.createArticle();
    const preview = await (await h.call("GET", `/api/articles/${article.id}/preview`)).json();
    const response = await h.call("POST", `/api/articles/${article.id}/publish`, {
      channels: PLATFORM_CHANNELS,
    });
    expect(response.status).toBe(202);
    const accepted = await response.json();
    expect(accepted.deliveries.map((d: { channel: string }) => d.channel)).toEqual([...PLATFORM_CHANNELS]);

    for (const channel of PLATFORM_CHANNELS) {
      const delivery = await h.waitForDelivery(article.id, channel, (d) => d.state === "posted");
      expect(delivery).toMatchObject({ state: "posted", attempts: 1 });
      expect(delivery.remoteId).toBeTruthy();
    }
    const posts = await h.sandbox.posts();
    const tweet = posts.find((post) => post.platform === "twitter");
    const message = posts.find((post) => post.platform === "telegram");
    const page = posts.find((post) => post.platform === "facebook");
    expect(tweet?.text).toBe(preview.twitter.posts[0].text);
    expect(message?.text).toBe(preview.telegram.text);
    expect(message?.parseMode).toBe("HTML");
    expect(page?.text).toBe(preview.facebook.message);
    expect(page?.link).toBe(preview.facebook.link);

    const detail = await (await h.call("GET", `/api/articles/${article.id}`)).json();
    expect(detail.deliveries).toHaveLength(4);
    const history = await (await h.call("GET", `/api/articles/${article.id}/history`)).json();
    expect(history.history[0]).toMatchObject({
      actor: "editor",
      action: "publish",
      fields: [...PLATFORM_CHANNELS],
    });
  });

  it("publishing the same article again posts nothing new", async () => {
    const article = await h.createArticle({
      title: "Publish twice",
      lang: "en",
      body: "Once only.",
      tags: [],
    });
    await h.call("POST", `/api/articles/${article.id}/publish`, { channels: PLATFORM_CHANNELS });
    for (const channel of PLATFORM_CHANNELS)
      await h.waitForDelivery(article.id, channel, (d) => d.state === "posted");
    const before = (await h.sandbox.posts()).length;
    const again = await h.call("POST", `/api/articles/${article.id}/publish`, {
      channels: PLATFORM_CHANNELS,
    });
    expect(again.status).toBe(202);
    const body = await again.json();
    expect(body.deliveries.every((d: { state: string }) => d.state === "posted")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await h.sandbox.posts()).length).toBe(before);
  });

  it("schedules a delivery a few seconds ahead and posts it then", async () => {
    const article = await h.createArticle({ title: "Scheduled", lang: "en", body: "Later.", tags: [] });
    const at = new Date(Date.now() + 2_000).toISOString();
    const response = await h.call("POST", `/api/articles/${article.id}/publish`, {
      channels: ["twitter"],
      at,
    });
    const [delivery] = (await response.json()).deliveries;
    expect(delivery).toMatchObject({ channel: "twitter", state: "scheduled", scheduledFor: at });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await h.waitForDelivery(article.id, "twitter", () => true)).state).toBe("scheduled");
    const posted = await h.waitForDelivery(article.id, "twitter", (d) => d.state === "posted", 10_000);
    expect(Date.parse(posted.postedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(at));
  });

  it("cancels a scheduled delivery: nothing is posted", async () => {
    const article = await h.createArticle({ title: "Cancelled", lang: "en", body: "Never.", tags: [] });
    const at = new Date(Date.now() + 1_500).toISOString();
    await h.call("POST", `/api/articles/${article.id}/publish`, { channels: ["twitter", "facebook"], at });
    const cancelled = await (await h.call("DELETE", `/api/articles/${article.id}/publish`)).json();
    expect(cancelled.deliveries.map((d: { state: string }) => d.state)).toEqual(["cancelled", "cancelled"]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const posts = await h.sandbox.posts();
    expect(posts.some((post) => post.text.includes("Cancelled"))).toBe(false);
    expect((await h.waitForDelivery(article.id, "twitter", () => true)).state).toBe("cancelled");
  });

  it("re-enqueues a due delivery whose job was lost (flushed queue)", async () => {
    const article = await h.createArticle({ title: "Lost job", lang: "en", body: "Swept.", tags: [] });
    const at = new Date(Date.now() + 1_000).toISOString();
    await h.call("POST", `/api/articles/${article.id}/publish`, { channels: ["facebook"], at });
    await h.worker.queues.get("facebook").obliterate({ force: true });
    const posted = await h.waitForDelivery(article.id, "facebook", (d) => d.state === "posted", 10_000);
    expect(posted.state).toBe("posted");
  });

  it("refuses bad publish requests with clear errors", async () => {
    const article = await h.createArticle({ title: "Bad requests", lang: "en", body: "x", tags: [] });
    const cases: [unknown, number, string][] = [
      [{ channels: ["myspace"] }, 422, "invalid_fields"],
      [{ channels: [] }, 422, "invalid_fields"],
      [{ at: "tomorrow" }, 422, "invalid_fields"],
      [{ at: "2099-01-01T00:00:00Z" }, 422, "invalid_fields"],
      [{ extra: 1 }, 422, "invalid_fields"],
      [["twitter"], 422, "invalid_fields"],
    ];
    for (const [body, status, code] of cases) {
      const response = await h.call("POST", `/api/articles/${article.id}/publish`, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await response.json()).error.code).toBe(code);
    }
    expect((await h.call("POST", "/api/articles/0000000000000000000/publish", {})).status).toBe(404);
    expect((await h.call("POST", `/api/articles/${article.id}/deliveries/myspace/retry`)).status).toBe(404);
    expect((await h.call("POST", `/api/articles/${article.id}/deliveries/twitter/retry`)).status).toBe(404);
    expect((await h.call("GET", "/api/articles/0000000000000000000/deliveries")).status).toBe(404);
  });

  it("counts outcomes in /metrics", async () => {
    const text = await (await h.app.request("/metrics")).text();
    const posted = Number(
      /sada_deliveries_total\{channel="twitter",event="posted"\} (\d+)/.exec(text)?.[1] ?? 0,
    );
    expect(posted).toBeGreaterThan(0);
    const observed = Number(
      /sada_publish_to_posted_seconds_count\{channel="twitter"\} (\d+)/.exec(text)?.[1] ?? 0,
    );
    expect(observed).toBe(posted);
    expect(text).toContain('sada_queue_jobs{channel="twitter",state="waiting"}');
  });
});

describe("articles with an image", () => {
  it("uploads the image to X through the v2 media endpoints and sends Telegram a photo with the caption", async () => {
    // A 1×1 PNG served locally: the image must be fetched before X can take it.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const { createServer } = await import("node:http");
    const server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "image/png", "content-length": png.length });
      response.end(png);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const article = await h.createArticle({
        title: "With a picture",
        lang: "en",
        body: "A picture is worth a thousand words.",
        tags: [],
        imageUrl: `http://127.0.0.1:${port}/photo.png`,
      });
      await h.call("POST", `/api/articles/${article.id}/publish`, { channels: ["twitter", "telegram"] });
      await h.waitForDelivery(article.id, "twitter", (d) => d.state === "posted");
      await h.waitForDelivery(article.id, "telegram", (d) => d.state === "posted");
      const tweet = (await h.sandbox.posts({ platform: "twitter" })).find((post) =>
        post.text.includes("With a picture"),
      );
      expect(tweet?.media).toHaveLength(1);
      const photo = (await h.sandbox.posts({ platform: "telegram" })).find((post) =>
        post.text.includes("With a picture"),
      );
      expect(photo).toMatchObject({ kind: "photo", media: [`http://127.0.0.1:${port}/photo.png`] });
    } finally {
      server.close();
    }
  });
});

describe("an image that is gone", () => {
  it("X posts without media; Telegram, refused the photo, posts the same text as a message", async () => {
    const article = await h.createArticle({
      title: "Broken picture",
      lang: "en",
      body: "The image link is dead.",
      tags: [],
      imageUrl: "http://127.0.0.1:9/gone.jpg",
    });
    const preview = await (await h.call("GET", `/api/articles/${article.id}/preview`)).json();
    await h.call("POST", `/api/articles/${article.id}/publish`, { channels: ["twitter", "telegram"] });
    await h.waitForDelivery(article.id, "twitter", (d) => d.state === "posted");
    const telegram = await h.waitForDelivery(article.id, "telegram", (d) => d.state === "posted");
    expect(telegram.attempts).toBe(1);
    const message = (await h.sandbox.posts({ platform: "telegram" })).find((post) =>
      post.text.includes("Broken picture"),
    );
    expect(message).toMatchObject({ kind: "message", text: preview.telegram.text });
    const tweet = (await h.sandbox.posts({ platform: "twitter" })).find((post) =>
      post.text.includes("Broken picture"),
    );
    expect(tweet?.media ?? []).toHaveLength(0);
  });
});

describe("corrections after posting", () => {
  it("update the feed in place and mark the posted deliveries as changed since", async () => {
    const article = await h.createArticle({
      title: "Before correction",
      lang: "en",
      body: "Typo.",
      tags: [],
    });
    await h.call("POST", `/api/articles/${article.id}/publish`, { channels: ["rss", "facebook"] });
    await h.waitForDelivery(article.id, "rss", (d) => d.state === "posted");
    await h.waitForDelivery(article.id, "facebook", (d) => d.state === "posted");
    expect((await h.waitForDelivery(article.id, "facebook", () => true)).changedSincePosted).toBeUndefined();
    await h.call("PATCH", `/api/articles/${article.id}`, { title: "After correction" });
    const feed = await (await h.app.request("/feed.xml")).text();
    expect(feed).toContain("After correction");
    expect(feed).not.toContain("Before correction");
    const detail = await (await h.call("GET", `/api/articles/${article.id}`)).json();
    expect(detail.deliveries.map((d: { changedSincePosted?: boolean }) => d.changedSincePosted)).toEqual([
      true,
      true,
    ]);
  });
});

describe("unpublishing", () => {
  it("takes the article out of the feed and off its page; publishing again brings it back", async () => {
    const article = await h.createArticle({ title: "Retracted story", lang: "en", body: "Oops.", tags: [] });
    await h.call("POST", `/api/articles/${article.id}/publish`, { channels: ["rss", "twitter"] });
    await h.waitForDelivery(article.id, "rss", (d) => d.state === "posted");
    await h.waitForDelivery(article.id, "twitter", (d) => d.state === "posted");
    expect(await (await h.app.request("/feed.xml")).text()).toContain("Retracted story");
    expect((await h.app.request(`/articles/${article.id}`)).status).toBe(200);

    const response = await h.call("POST", `/api/articles/${article.id}/unpublish`);
    expect(response.status).toBe(200);
    const states = Object.fromEntries(
      (await response.json()).deliveries.map((d: { channel: string; state: string }) => [d.channel, d.state]),
    );
    // Sada's own surfaces are withdrawn; the post on X stays (Sada does not delete it).
    expect(states).toEqual({ twitter: "posted", rss: "cancelled" });
    expect(await (await h.app.request("/feed.xml")).text()).not.toContain("Retracted story");
    expect((await h.app.request(`/articles/${article.id}`)).status).toBe(404);

    await h.call("POST", `/api/articles/${article.id}/publish`, { channels: ["rss"] });
    await h.waitForDelivery(article.id, "rss", (d) => d.state === "posted");
    expect(await (await h.app.request("/feed.xml")).text()).toContain("Retracted story");
  });
});

describe("disabled channels (SANDBOX=off without credentials)", () => {
  it("publishes to the enabled channels by default, and refuses a disabled one by name", async () => {
    const off = await createPipelineHarness("off", { SANDBOX: "off" });
    try {
      const article = await off.createArticle({
        title: "Only RSS",
        lang: "en",
        body: "Feed only.",
        tags: [],
      });
      const response = await off.call("POST", `/api/articles/${article.id}/publish`);
      expect(response.status).toBe(202);
      expect((await response.json()).deliveries.map((d: { channel: string }) => d.channel)).toEqual(["rss"]);
      const named = await off.call("POST", `/api/articles/${article.id}/publish`, { channels: ["twitter"] });
      expect(named.status).toBe(422);
      expect((await named.json()).error.code).toBe("channel_disabled");
      const channels = (await (await off.call("GET", "/api/channels")).json()).channels;
      expect(channels.find((c: { id: string }) => c.id === "twitter")).toMatchObject({
        mode: "disabled",
        ok: false,
      });
    } finally {
      await off.close();
    }
  });
});
