import type { ChannelId } from "../domain/channel.js";
import { ACTIVE_OR_DONE_STATES, type DeliveryError } from "../domain/delivery.js";
import type { DeliveryRecord } from "../store/delivery-store.js";

/**
 * Delivery state changes as pure functions of the current record. Each returns the next record,
 * or null when the change does not apply to the current state (the store then writes nothing).
 */

const base = (record: DeliveryRecord) => {
  const {
    error: _error,
    postedAt: _postedAt,
    lastError: _lastError,
    ...rest
  } = record as DeliveryRecord & {
    error?: DeliveryError;
    postedAt?: string;
  };
  return rest;
};

/** A new or re-opened delivery, queued now or scheduled for later. */
export function open(
  current: DeliveryRecord | null,
  target: { articleId: string; channel: ChannelId; at: Date | null; now: Date; sandbox: boolean },
): DeliveryRecord | null {
  // Publishing is idempotent: active or done deliveries stay; `unknown` waits for an editor's retry.
  if (current !== null && (ACTIVE_OR_DONE_STATES.includes(current.state) || current.state === "unknown"))
    return null;
  const common = {
    articleId: target.articleId,
    channel: target.channel,
    attempts: 0,
    generation: current === null ? 0 : current.generation + 1,
    updatedAt: target.now.toISOString(),
    queuedAt: target.now.toISOString(),
    sandbox: target.sandbox,
    // A half-posted X thread resumes after its last post instead of starting over.
    ...(current?.progress === undefined ? {} : { progress: current.progress }),
  };
  return target.at === null
    ? { ...common, state: "queued" }
    : { ...common, state: "scheduled", scheduledFor: target.at.toISOString() };
}

/** An editor's retry of a failed or unknown delivery: a fresh generation, so a fresh job. */
export function reopenForRetry(current: DeliveryRecord | null, now: Date): DeliveryRecord | null {
  if (current === null || (current.state !== "failed" && current.state !== "unknown")) return null;
  return {
    ...base(current),
    state: "queued",
    generation: current.generation + 1,
    updatedAt: now.toISOString(),
    queuedAt: now.toISOString(),
    sendingSince: undefined,
  };
}

export function cancel(current: DeliveryRecord | null, now: Date): DeliveryRecord | null {
  if (current === null || (current.state !== "scheduled" && current.state !== "queued")) return null;
  return { ...base(current), state: "cancelled", updatedAt: now.toISOString() };
}

/** A worker takes the delivery: `sending`, one more attempt. */
export function startSending(
  current: DeliveryRecord | null,
  generation: number,
  now: Date,
): DeliveryRecord | null {
  if (current === null || current.generation !== generation) return null;
  if (current.state !== "queued" && current.state !== "scheduled" && current.state !== "sending") return null;
  return {
    ...base(current),
    state: "sending",
    attempts: current.attempts + 1,
    updatedAt: now.toISOString(),
    sendingSince: now.toISOString(),
  };
}

export function posted(
  current: DeliveryRecord | null,
  generation: number,
  result: { remoteId?: string | undefined; remoteUrl?: string | undefined },
  now: Date,
): DeliveryRecord | null {
  // A success that arrives after the delivery was marked `unknown` (a re-run found it mid-send
  // while this run was still waiting for the platform) is the truth: the post exists.
  if (current === null || current.generation !== generation) return null;
  if (current.state !== "sending" && current.state !== "unknown") return null;
  return {
    ...base(current),
    state: "posted",
    postedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    remoteId: result.remoteId ?? current.remoteId ?? current.progress?.postedIds[0],
    remoteUrl: result.remoteUrl ?? current.remoteUrl,
    sendingSince: undefined,
  };
}

/** Back to the queue after a retryable failure or a rate limit (`refundAttempt`: waits don't count). */
export function requeue(
  current: DeliveryRecord | null,
  generation: number,
  error: DeliveryError,
  refundAttempt: boolean,
  now: Date,
): DeliveryRecord | null {
  if (current === null || current.generation !== generation || current.state !== "sending") return null;
  return {
    ...base(current),
    state: "queued",
    attempts: refundAttempt ? Math.max(0, current.attempts - 1) : current.attempts,
    updatedAt: now.toISOString(),
    sendingSince: undefined,
    // Kept on a queued delivery so editors see why it is waiting (an extension of the contract).
    lastError: error,
  };
}

export function end(
  current: DeliveryRecord | null,
  generation: number,
  state: "failed" | "unknown",
  error: DeliveryError,
  now: Date,
): DeliveryRecord | null {
  if (current === null || current.generation !== generation) return null;
  if (current.state !== "sending" && current.state !== "queued" && current.state !== "scheduled") return null;
  return { ...base(current), state, error, updatedAt: now.toISOString(), sendingSince: undefined };
}

export function saveProgress(
  current: DeliveryRecord | null,
  generation: number,
  postedIds: string[],
): DeliveryRecord | null {
  if (current === null || current.generation !== generation || current.state !== "sending") return null;
  return { ...current, progress: { postedIds } };
}

/** Unpublishing takes an article out of Sada's own feed: its posted `rss` delivery is withdrawn. */
export function withdraw(current: DeliveryRecord | null, now: Date): DeliveryRecord | null {
  if (current === null || current.channel !== "rss" || current.state !== "posted") return null;
  return { ...base(current), state: "cancelled", updatedAt: now.toISOString() };
}
