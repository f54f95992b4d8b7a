import { TelegramError } from "telegraf";
import { describe, expect, it } from "vitest";
import { botLang } from "../../../src/bot/bot-strings.js";
import { classifyTelegramError } from "../../../src/broadcast/classify-telegram-error.js";
import { mirroredDelivery } from "../../../src/broadcast/mirror-stats.js";
import { ChannelError } from "../../../src/channels/channel.js";
import type { DeliveryRecord } from "../../../src/store/delivery-store.js";
import { normalizeTopic } from "../../../src/store/subscriber-store.js";
import { limiterFor } from "../../../workers/broadcast-worker.js";

const telegramError = (error_code: number, description: string, parameters?: object) =>
  new TelegramError({
    error_code,
    description,
    ...(parameters === undefined ? {} : { parameters }),
  });

describe("classifyTelegramError", () => {
  it.each([
    [
      telegramError(429, "Too Many Requests: retry after 7", { retry_after: 7 }),
      { kind: "rate_limited", retryAfterMs: 7000 },
    ],
    [telegramError(403, "Forbidden: bot was blocked by the user"), { kind: "gone", code: "blocked" }],
    [telegramError(403, "Forbidden: user is deactivated"), { kind: "gone", code: "deactivated" }],
    [
      telegramError(403, "Forbidden: bot was kicked from the supergroup chat"),
      { kind: "gone", code: "kicked" },
    ],
    [telegramError(400, "Bad Request: chat not found"), { kind: "gone", code: "chat_not_found" }],
    [
      telegramError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: -1001,
      }),
      { kind: "migrated", migrateTo: "-1001" },
    ],
    [telegramError(400, "Bad Request: can't parse entities"), { kind: "rejected", code: "telegram_400" }],
    [
      telegramError(403, "Forbidden: bot can't send messages to bots"),
      { kind: "rejected", code: "telegram_403" },
    ],
    [telegramError(401, "Unauthorized"), { kind: "rejected", code: "token_rejected" }],
    [telegramError(502, "Bad Gateway"), { kind: "transient", code: "telegram_502" }],
    [
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      { kind: "transient", code: "network_ECONNREFUSED" },
    ],
    [
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      { kind: "unknown_outcome", code: "network_ECONNRESET" },
    ],
    [
      new ChannelError("unknown_outcome", "timeout", "no answer"),
      { kind: "unknown_outcome", code: "timeout" },
    ],
  ])("%s", (error, expected) => {
    expect(classifyTelegramError(error)).toEqual(expected);
  });
});

describe("limiterFor", () => {
  it.each([
    [25, { max: 5, duration: 200 }],
    [990, { max: 198, duration: 200 }],
    [30, { max: 6, duration: 200 }],
    [2.5, { max: 1, duration: 400 }],
    [0.5, { max: 1, duration: 2000 }],
  ])("%s msg/s → %o, never faster than asked", (rate, expected) => {
    const limiter = limiterFor(rate);
    expect(limiter.max / (limiter.duration / 1000)).toBeLessThanOrEqual(rate);
    if (Number.isInteger(rate * 0.2)) expect(limiter).toEqual(expected);
  });
});

describe("mirroredDelivery", () => {
  const sending: DeliveryRecord = {
    articleId: "a",
    channel: "telegram-bot",
    state: "sending",
    attempts: 1,
    generation: 2,
    updatedAt: "2026-01-01T00:00:00.000Z",
    stats: { sent: 5, failed: 0, blocked: 0, pending: 5 },
  };
  const now = new Date("2026-01-01T00:01:00.000Z");

  it("moves to posted when nothing is pending", () => {
    expect(
      mirroredDelivery(
        sending,
        { articleId: "a", generation: 2 },
        { sent: 9, failed: 0, blocked: 1, pending: 0 },
        now,
      ),
    ).toMatchObject({
      state: "posted",
      postedAt: now.toISOString(),
      remoteId: "9 subscribers",
    });
  });
  it("never moves counters backwards nor touches another generation", () => {
    expect(
      mirroredDelivery(
        sending,
        { articleId: "a", generation: 2 },
        { sent: 4, failed: 0, blocked: 0, pending: 6 },
        now,
      ),
    ).toBeNull();
    expect(
      mirroredDelivery(
        sending,
        { articleId: "a", generation: 1 },
        { sent: 9, failed: 0, blocked: 0, pending: 1 },
        now,
      ),
    ).toBeNull();
  });
});

describe("language and topics", () => {
  it.each([
    ["en", "en"],
    ["en-GB", "en"],
    ["ar", "ar"],
    ["fr", "ar"],
    [undefined, "ar"],
    ["eng", "ar"],
  ])("language_code %s → %s", (code, lang) => expect(botLang(code)).toBe(lang));
  it("normalises topics", () => {
    expect(normalizeTopic("  World   News ")).toBe("world news");
    expect(normalizeTopic(" الاقتصاد ")).toBe("الاقتصاد");
  });
});
