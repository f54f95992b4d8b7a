import { TelegramError } from "telegraf";
import { ApiResponseError } from "twitter-api-v2";
import { describe, expect, it } from "vitest";
import {
  classifyGraphError,
  throttleWaitMs,
} from "../../../src/channels/facebook/classify-facebook-error.js";
import { classifyTelegramError } from "../../../src/channels/telegram/classify-telegram-error.js";
import {
  classifyTwitterError,
  X_DUPLICATE_DETAIL,
} from "../../../src/channels/twitter/classify-twitter-error.js";

describe("Graph errors are classified by code, never by text", () => {
  it.each([
    [400, 190, "auth", "token_expired"],
    [400, 10, "auth", "permission_missing"],
    [403, 200, "auth", "permission_missing"],
    [400, 299, "auth", "permission_missing"],
    [400, 100, "rejected", "invalid_parameter"],
    [400, 506, "duplicate", "duplicate"],
    [400, 4, "rate_limited", "throttled"],
    [400, 17, "rate_limited", "throttled"],
    [400, 32, "rate_limited", "throttled"],
    [400, 613, "rate_limited", "throttled"],
    [400, 80001, "rate_limited", "throttled"],
    [500, 1, "transient", "platform_error"],
    [500, 2, "transient", "platform_error"],
    [400, 368, "rejected", "blocked_for_policy"],
    [502, undefined, "transient", "platform_error"],
    [400, undefined, "rejected", "rejected"],
  ])("HTTP %i code %s → %s", (status, code, kind, errorCode) => {
    const error = classifyGraphError(
      status,
      code === undefined ? undefined : { code, message: "whatever text" },
      null,
    );
    expect([error.kind, error.code]).toEqual([kind, errorCode]);
  });

  it("reads the throttle wait from X-Business-Use-Case-Usage", () => {
    expect(throttleWaitMs(JSON.stringify({ "1": [{ estimated_time_to_regain_access: 7 }] }))).toBe(
      7 * 60_000,
    );
    expect(throttleWaitMs("not json")).toBe(10 * 60_000);
    expect(throttleWaitMs(null)).toBe(10 * 60_000);
  });
});

describe("Telegram errors", () => {
  const telegramError = (error_code: number, description: string, parameters?: object) =>
    new TelegramError({ error_code, description, ...(parameters === undefined ? {} : { parameters }) });

  it.each([
    [429, { retry_after: 12 }, "rate_limited", 12_000],
    [401, undefined, "auth", undefined],
    [404, undefined, "auth", undefined],
    [403, undefined, "auth", undefined],
    [400, undefined, "rejected", undefined],
    [400, { migrate_to_chat_id: -100123 }, "rejected", undefined],
    [502, undefined, "transient", undefined],
  ])("%i %o → %s", (code, parameters, kind, wait) => {
    const error = classifyTelegramError(telegramError(code, "Some description", parameters));
    expect(error.kind).toBe(kind);
    expect(error.retryAfterMs).toBe(wait);
  });

  it("a refused connection was never sent; a reset may have been", () => {
    expect(classifyTelegramError(Object.assign(new Error("x"), { code: "ECONNREFUSED" })).kind).toBe(
      "transient",
    );
    expect(classifyTelegramError(Object.assign(new Error("x"), { code: "ECONNRESET" })).kind).toBe(
      "unknown_outcome",
    );
  });
});

describe("X errors", () => {
  const responseError = (code: number, data: object, rateLimit?: object) =>
    new ApiResponseError("x", {
      code,
      data: data as never,
      headers: {},
      request: {} as never,
      response: {} as never,
      ...(rateLimit === undefined ? {} : { rateLimit: rateLimit as never }),
    });

  it("a 429 waits until the latest reset of the spent windows", () => {
    const now = 1_800_000_000_000;
    const error = classifyTwitterError(
      responseError(
        429,
        {},
        {
          limit: 100,
          remaining: 0,
          reset: now / 1000 + 60,
          day: { limit: 17, remaining: 0, reset: now / 1000 + 3600 },
        },
      ),
      now,
    );
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterMs).toBe(3_600_000);
  });

  it.each([
    [403, { detail: X_DUPLICATE_DETAIL }, "duplicate"],
    [403, { detail: "You are not permitted to perform this action." }, "rejected"],
    [403, { detail: "Tweet needs to be a bit shorter." }, "rejected"],
    [401, {}, "auth"],
    [400, { detail: "Invalid Request" }, "rejected"],
    [503, {}, "transient"],
  ])("%i %o → %s", (code, data, kind) => {
    expect(classifyTwitterError(responseError(code, data)).kind).toBe(kind);
  });
});
