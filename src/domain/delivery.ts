import type { ChannelId } from "./channel.js";

/**
 * Delivery states (contract). `unknown` means the request may have reached the platform but no
 * answer came back; only an editor's retry re-sends it where the platform cannot de-duplicate.
 */
export const DELIVERY_STATES = [
  "scheduled",
  "queued",
  "sending",
  "posted",
  "failed",
  "unknown",
  "cancelled",
] as const;

export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** States in which a publish leaves the delivery alone (idempotency per article and channel). */
export const ACTIVE_OR_DONE_STATES: readonly DeliveryState[] = ["scheduled", "queued", "sending", "posted"];

export interface DeliveryError {
  code: string;
  message: string;
  retryable: boolean;
}

/** Fan-out counters of the telegram-bot channel. */
export interface BroadcastStats {
  sent: number;
  failed: number;
  blocked: number;
  pending: number;
}

interface DeliveryBase {
  articleId: string;
  channel: ChannelId;
  attempts: number;
  updatedAt: string;
  scheduledFor?: string | undefined;
  remoteId?: string | undefined;
  remoteUrl?: string | undefined;
  stats?: BroadcastStats | undefined;
  /** Set on a posted delivery when the article was corrected after it was posted (extension). */
  changedSincePosted?: boolean | undefined;
  /** Whether the channel ran against the built-in sandbox when this delivery was sent. */
  sandbox?: boolean | undefined;
}

/** A delivery, discriminated by state so each state carries exactly what it needs. */
export type Delivery =
  | (DeliveryBase & { state: "scheduled"; scheduledFor: string })
  | (DeliveryBase & { state: "queued" | "sending" | "cancelled" })
  | (DeliveryBase & { state: "posted"; postedAt: string })
  | (DeliveryBase & { state: "failed" | "unknown"; error: DeliveryError });
