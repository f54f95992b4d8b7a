import { describe, expect, it } from "vitest";
import { createMemorySandboxState } from "../../../src/sandbox/state/memory-state.js";
import type { SandboxPost } from "../../../src/sandbox/types.js";
import { createSandboxRoutes } from "../../../src/sandbox/viewer/routes.js";
import { renderTelegramHtml } from "../../../src/sandbox/viewer/telegram-render.js";

const base = { createdAt: "2026-01-01T00:00:00.000Z" };
const posts: SandboxPost[] = [
  {
    ...base,
    platform: "twitter",
    kind: "tweet",
    id: "1",
    target: "@sada",
    text: "أول <script>alert(1)</script>",
  },
  {
    ...base,
    platform: "telegram",
    kind: "message",
    id: "-100:1",
    target: "-100",
    targetName: "@sada_sandbox",
    targetType: "channel",
    parseMode: "HTML",
    text: '<b>عاجل</b> <a href="javascript:alert(1)">x</a> <img src=x onerror=alert(1)> &amp;',
    replyMarkup: { inline_keyboard: [[{ text: "اقرأ", url: "https://example.com" }]] },
  },
  {
    ...base,
    platform: "facebook",
    kind: "feed",
    id: "9_1",
    target: "9",
    text: "منشور",
    link: "https://example.com/a",
  },
];

describe("sandbox viewer", () => {
  it("renders Telegram HTML with only Telegram's tags, everything else escaped", () => {
    expect(renderTelegramHtml("<b>a</b><i>b &lt;c&gt;</i>")).toBe("<b>a</b><i>b &#60;c&#62;</i>");
    expect(renderTelegramHtml('<a href="https://x.y/?a=1&amp;b=2">l</a>')).toBe(
      '<a href="https://x.y/?a=1&#38;b=2" rel="noopener noreferrer nofollow" target="_blank">l</a>',
    );
    const hostile = renderTelegramHtml(
      '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)><b>open',
    );
    expect(hostile).not.toMatch(/<img|javascript:|<a /u);
    expect(hostile.endsWith("</b>")).toBe(true);
    expect(renderTelegramHtml("<tg-spoiler>s</tg-spoiler></i>")).toBe(
      '<span class="spoiler">s</span>&#60;/i&#62;',
    );
  });

  it("serves GET /sandbox newest first, per channel, dir=auto, nothing executable", async () => {
    const state = createMemorySandboxState();
    for (const post of posts) await state.record(post);
    const response = await createSandboxRoutes(state).request("/sandbox");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("<b>عاجل</b>");
    expect(html).toContain('dir="auto"');
    expect(html.indexOf("Facebook")).toBeLessThan(html.indexOf("Telegram — @sada_sandbox"));
    expect(html.indexOf("Telegram — @sada_sandbox")).toBeLessThan(html.indexOf("X — @sada"));
  });

  it("serves GET /api/sandbox/posts as JSON, filtered and validated", async () => {
    const state = createMemorySandboxState();
    for (const post of posts) await state.record(post);
    const app = createSandboxRoutes(state);
    const all = (await (await app.request("/api/sandbox/posts")).json()) as { posts: SandboxPost[] };
    expect(all.posts.map((post) => post.platform)).toEqual(["facebook", "telegram", "twitter"]);
    const some = (await (await app.request("/api/sandbox/posts?platform=twitter")).json()) as {
      posts: SandboxPost[];
    };
    expect(some.posts).toHaveLength(1);
    expect((await app.request("/api/sandbox/posts?platform=myspace")).status).toBe(400);
  });
});
