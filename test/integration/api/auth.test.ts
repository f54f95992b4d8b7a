import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness, TEST_TOKEN } from "../../support/api-harness.js";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness("auth");
});
afterAll(async () => {
  await h.close();
});

const ROUTES: [string, string][] = [
  ["GET", "/api/articles"],
  ["POST", "/api/articles"],
  ["GET", "/api/articles/0000000000000000000"],
  ["PATCH", "/api/articles/0000000000000000000"],
  ["DELETE", "/api/articles/0000000000000000000"],
  ["GET", "/api/channels"],
];

describe("auth", () => {
  it.each(ROUTES)("%s %s needs a token (401 without)", async (method, path) => {
    const response = await h.call(method, path, { token: null });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it.each([
    ["a wrong token", { authorization: "Bearer wrong-token-0123456789" }],
    ["a token prefix", { authorization: `Bearer ${TEST_TOKEN.slice(0, -1)}` }],
    ["basic auth", { authorization: `Basic ${Buffer.from(`u:${TEST_TOKEN}`).toString("base64")}` }],
    ["no scheme", { authorization: TEST_TOKEN }],
    ["empty bearer", { authorization: "Bearer " }],
  ])("refuses %s with 401", async (_name, headers) => {
    const response = await h.call("GET", "/api/articles", { token: null, headers });
    expect(response.status).toBe(401);
  });

  it("accepts the scheme case-insensitively", async () => {
    const response = await h.call("GET", "/api/articles", {
      token: null,
      headers: { authorization: `bearer ${TEST_TOKEN}` },
    });
    expect(response.status).toBe(200);
  });

  it("never echoes a token in an error", async () => {
    const response = await h.call("GET", "/api/articles", { token: "secret-guess-0123456789" });
    expect(await response.text()).not.toContain("secret-guess");
  });

  it("serves /healthz without a token", async () => {
    const response = await h.call("GET", "/healthz", { token: null });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", redis: "ok" });
  });

  it("lists channels with their modes", async () => {
    const body = await (await h.call("GET", "/api/channels")).json();
    expect(body.channels.map((channel: { id: string; mode: string }) => [channel.id, channel.mode])).toEqual([
      ["twitter", "sandbox"],
      ["telegram", "sandbox"],
      ["telegram-bot", "sandbox"],
      ["facebook", "sandbox"],
      ["rss", "live"],
    ]);
  });
});

describe("rate limit per token", () => {
  it("answers 429 with Retry-After past API_RATE_LIMIT, per token", async () => {
    const own = await createApiHarness("ratelimit", { API_RATE_LIMIT: "3" });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 4; index++) statuses.push((await own.call("GET", "/api/articles")).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await own.call("GET", "/api/articles");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await limited.json()).error.code).toBe("rate_limited");
      // Another token has its own budget; public routes have none.
      expect((await own.call("GET", "/api/articles", { token: "other-token-0123456789abcdef" })).status).toBe(
        200,
      );
      expect((await own.call("GET", "/healthz", { token: null })).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});
