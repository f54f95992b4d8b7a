import { describe, expect, it } from "vitest";
import type { ChannelErrorKind } from "../../../src/channels/channel.js";
import { type Decision, decide, MAX_WAIT_MS, MIN_WAIT_MS } from "../../../src/publishing/error-policy.js";

const cases: [ChannelErrorKind, boolean, number, number | undefined, Decision][] = [
  // kind, resendSafe, attemptsLeft, retryAfterMs → decision
  ["transient", true, 2, undefined, { action: "retry" }],
  ["transient", false, 2, undefined, { action: "retry" }],
  ["transient", true, 0, undefined, { action: "fail", retryable: true }],
  ["rate_limited", false, 0, 37_000, { action: "wait", waitMs: 37_000 }],
  ["rate_limited", true, 5, undefined, { action: "wait", waitMs: MIN_WAIT_MS }],
  ["rate_limited", true, 5, 10, { action: "wait", waitMs: MIN_WAIT_MS }],
  ["rate_limited", true, 5, 10 * 24 * 3600 * 1000, { action: "wait", waitMs: MAX_WAIT_MS }],
  ["auth", true, 5, undefined, { action: "fail", retryable: false }],
  ["rejected", false, 5, undefined, { action: "fail", retryable: false }],
  ["duplicate", true, 0, undefined, { action: "posted" }],
  ["unknown_outcome", false, 5, undefined, { action: "unknown" }],
  ["unknown_outcome", true, 5, undefined, { action: "retry" }],
  ["unknown_outcome", true, 0, undefined, { action: "fail", retryable: true }],
];

describe("error policy: kind → what happens next", () => {
  it.each(cases)(
    "%s (resendSafe %s, %i attempts left, wait %s) → %o",
    (kind, resendSafe, attemptsLeft, retryAfterMs, expected) => {
      expect(decide({ kind, resendSafe, attemptsLeft, retryAfterMs })).toEqual(expected);
    },
  );
});
