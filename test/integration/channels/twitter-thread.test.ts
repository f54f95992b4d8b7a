import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedArticle } from "../../../seeds/seed-article.js";
import { createTwitterChannel } from "../../../src/channels/twitter/create-twitter-channel.js";
import { renderPreview } from "../../../src/format/preview.js";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

function channel() {
  const { username, ...credentials } = sandbox.credentials.twitter;
  return createTwitterChannel({ mode: "sandbox", apiUrl: sandbox.urls.twitter, credentials, username });
}

describe("X threads", () => {
  const article = seedArticle({ id: "0mx1thread000000001", url: "https://news.example/a/thread" });
  const preview = renderPreview(article, { twitterThreadMax: 3 });

  it("posts a thread as a chain of replies, saving each id before the next", async () => {
    expect(preview.twitter.posts).toHaveLength(3);
    const saved: string[][] = [];
    const result = await channel().send({
      article,
      preview,
      progress: { postedIds: [] },
      saveProgress: async ({ postedIds }) => void saved.push([...postedIds]),
    });
    expect(saved.map((ids) => ids.length)).toEqual([1, 2, 3]);
    const [first, second, third] = saved[2] ?? [];
    expect(result.remoteId).toBe(first);
    const posts = await sandbox.posts({ platform: "twitter" });
    const byId = new Map(posts.map((post) => [post.id, post]));
    expect(byId.get(first ?? "")?.replyTo).toBeUndefined();
    expect(byId.get(second ?? "")?.replyTo).toBe(first);
    expect(byId.get(third ?? "")?.replyTo).toBe(second);
    expect(byId.get(third ?? "")?.text).toBe(preview.twitter.posts[2]?.text);
  });

  it("resumes after the last saved id instead of posting the thread again", async () => {
    await sandbox.reset();
    const other = seedArticle({ id: "0mx1thread000000002", url: "https://news.example/a/resume" });
    const otherPreview = renderPreview(other, { twitterThreadMax: 3 });
    // The first post went out in an earlier attempt that then died.
    const earlier = await channel().send({
      article: other,
      preview: { ...otherPreview, twitter: { posts: otherPreview.twitter.posts.slice(0, 1) } },
      progress: { postedIds: [] },
      saveProgress: async () => {},
    });
    const firstId = earlier.remoteId ?? "";
    const saved: string[][] = [];
    await channel().send({
      article: other,
      preview: otherPreview,
      progress: { postedIds: [firstId] },
      saveProgress: async ({ postedIds }) => void saved.push([...postedIds]),
    });
    const posts = await sandbox.posts({ platform: "twitter" });
    expect(posts).toHaveLength(3);
    expect(posts.filter((post) => post.text === otherPreview.twitter.posts[0]?.text)).toHaveLength(1);
    expect(saved.at(-1)?.[0]).toBe(firstId);
    const second = posts.find((post) => post.id === saved.at(-1)?.[1]);
    expect(second?.replyTo).toBe(firstId);
  });

  it("treats a duplicate refusal of a single post as already posted", async () => {
    const single = renderPreview(article, { twitterThreadMax: 1 });
    const send = () =>
      channel().send({ article, preview: single, progress: { postedIds: [] }, saveProgress: async () => {} });
    await send();
    const again = await send();
    expect(again.alreadyPosted).toBe(true);
  });
});
