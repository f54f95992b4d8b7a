import type { Article } from "../domain/article.js";
import type { ChannelId, ChannelMode } from "../domain/channel.js";
import type { ChannelPreview } from "../format/preview.js";

/**
 * The closed set of ways a send can fail, decided by each adapter from its client's error types
 * and numeric codes. `workers/` turns each kind into queue behaviour in exactly one place.
 */
export type ChannelErrorKind =
  | "transient" // try again later with backoff
  | "rate_limited" // wait `retryAfterMs`, then try again; not a failed attempt
  | "auth" // credentials dead or missing permission: stop, tell an editor
  | "rejected" // the platform refused this content: stop, tell an editor
  | "duplicate" // the platform already has this exact post: it counts as posted
  | "unknown_outcome"; // the request may have arrived; no answer came back

export class ChannelError extends Error {
  override name = "ChannelError";
  constructor(
    readonly kind: ChannelErrorKind,
    /** Stable snake_case code for the delivery's error (e.g. `token_expired`). */
    readonly code: string,
    /** A sentence an editor understands; never contains a secret. */
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Progress of a multi-step send, saved after each step so a re-run resumes instead of repeating. */
export interface SendProgress {
  postedIds: string[];
}

export interface SendContext {
  article: Article;
  /** Exactly what the preview shows; the adapter sends this and nothing else. */
  preview: ChannelPreview;
  progress: SendProgress;
  saveProgress(progress: SendProgress): Promise<void>;
}

export interface SendResult {
  remoteId?: string;
  remoteUrl?: string;
  /** Set when the platform said it already had the post (duplicate refusal). */
  alreadyPosted?: boolean;
  /** Fan-out channels: the send only queued work; the delivery completes later. */
  pending?: boolean;
}

/**
 * A channel: a value made by a factory (`createTwitterChannel(deps)`), never a subclass.
 * `resendSafe` says whether sending again after an unknown outcome is safe because the platform
 * refuses exact duplicates (X, Facebook) or the send is idempotent (RSS); Telegram is not.
 */
export interface Channel {
  id: ChannelId;
  mode: ChannelMode;
  resendSafe: boolean;
  send(context: SendContext): Promise<SendResult>;
  /** Releases clients (timers, agents). */
  close?(): Promise<void>;
}
