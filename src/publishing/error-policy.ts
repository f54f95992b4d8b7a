import type { ChannelErrorKind } from "../channels/channel.js";

/**
 * The one place that turns a channel error kind into what happens next — to the delivery and to
 * its queue job. Pure, so the whole table is tested as input → output.
 *
 * - `retry`: back to `queued`; the job is retried with exponential backoff and jitter.
 * - `wait`: back to `queued`; the channel's queue pauses for the platform's wait and the job
 *   returns to the queue without spending an attempt.
 * - `fail`: `failed`; the job stops (UnrecoverableError).
 * - `posted`: the platform already has it.
 * - `unknown`: `unknown`; nothing is re-sent until an editor retries.
 */
export type Decision =
  | { action: "retry" }
  | { action: "wait"; waitMs: number }
  | { action: "fail"; retryable: boolean }
  | { action: "posted" }
  | { action: "unknown" };

export interface PolicyInput {
  kind: ChannelErrorKind;
  /** The platform refuses exact duplicates (or the send is idempotent), so a re-send is safe. */
  resendSafe: boolean;
  /** Attempts still allowed after this one (DELIVERY_ATTEMPTS − attempts made). */
  attemptsLeft: number;
  retryAfterMs?: number | undefined;
}

/** Shortest and longest pause for a rate limit, whatever the platform said. */
export const MIN_WAIT_MS = 1_000;
export const MAX_WAIT_MS = 24 * 3600 * 1000;

export function decide(input: PolicyInput): Decision {
  switch (input.kind) {
    case "rate_limited":
      return {
        action: "wait",
        waitMs: Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, input.retryAfterMs ?? MIN_WAIT_MS)),
      };
    case "duplicate":
      return { action: "posted" };
    case "auth":
    case "rejected":
      return { action: "fail", retryable: false };
    case "unknown_outcome":
      if (!input.resendSafe) return { action: "unknown" };
      return input.attemptsLeft > 0 ? { action: "retry" } : { action: "fail", retryable: true };
    case "transient":
      return input.attemptsLeft > 0 ? { action: "retry" } : { action: "fail", retryable: true };
  }
}
