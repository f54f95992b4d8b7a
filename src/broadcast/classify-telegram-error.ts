import { TelegramError } from "telegraf";
import { ChannelError } from "../channels/channel.js";
import { networkCode, surelyNotSent } from "../channels/network-errors.js";

/**
 * What a failed `sendMessage` to one subscriber means for the broadcast (platforms.md, Telegram
 * "Per-subscriber errors", "Rates", "No idempotency").
 */
export type BroadcastFailure =
  /** 429: pause the whole fan-out `retryAfterMs`; not a failed attempt. */
  | { kind: "rate_limited"; retryAfterMs: number }
  /** The chat is gone for good (blocked, deactivated, kicked, not found): unsubscribe it. */
  | { kind: "gone"; code: string }
  /** 400 "group chat was upgraded": send again to `migrateTo`. */
  | { kind: "migrated"; migrateTo: string }
  /** Telegram refused this message for this chat, or the token is dead: count it failed. */
  | { kind: "rejected"; code: string }
  /** Telegram surely did not take it (5xx answer, connection never made): try again later. */
  | { kind: "transient"; code: string }
  /** The request may have arrived and no answer came back: never re-sent automatically. */
  | { kind: "unknown_outcome"; code: string };

/**
 * Telegram gives 403 and 400 for many reasons and tells them apart only in `description`
 * (error_code is the HTTP status). Which of them mean "this chat is gone" is therefore a text
 * match — the one place Sada matches text, kept to this table. Sources: Bot API FAQ and the
 * descriptions the Bot API server returns (tdlib telegram-bot-api, Client.cpp), late 2026.
 */
export const GONE_DESCRIPTIONS: readonly { status: number; fragment: string; code: string }[] = [
  { status: 403, fragment: "bot was blocked by the user", code: "blocked" },
  { status: 403, fragment: "user is deactivated", code: "deactivated" },
  { status: 403, fragment: "bot was kicked", code: "kicked" },
  { status: 403, fragment: "bot is not a member", code: "not_member" },
  { status: 403, fragment: "bot can't initiate conversation", code: "not_started" },
  { status: 400, fragment: "chat not found", code: "chat_not_found" },
  { status: 400, fragment: "group chat was deactivated", code: "group_deactivated" },
];

/** Telegram's flood wait is in whole seconds; one second when it forgot to say. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

export function classifyTelegramError(error: unknown): BroadcastFailure {
  if (error instanceof TelegramError) {
    const status = error.code;
    const parameters = error.parameters;
    if (status === 429) {
      const seconds = parameters?.retry_after;
      return {
        kind: "rate_limited",
        retryAfterMs: seconds === undefined ? DEFAULT_RETRY_AFTER_MS : seconds * 1000,
      };
    }
    if (parameters?.migrate_to_chat_id !== undefined) {
      return { kind: "migrated", migrateTo: String(parameters.migrate_to_chat_id) };
    }
    const description = (error.description ?? "").toLowerCase();
    const gone = GONE_DESCRIPTIONS.find((row) => row.status === status && description.includes(row.fragment));
    if (gone !== undefined) return { kind: "gone", code: gone.code };
    // telegraf reports a 5xx with the HTTP status text only; the Bot API answered, so it did not send.
    if (status >= 500) return { kind: "transient", code: `telegram_${status}` };
    if (status === 401 || status === 404) return { kind: "rejected", code: "token_rejected" };
    return { kind: "rejected", code: `telegram_${status}` };
  }
  if (error instanceof ChannelError) {
    return error.kind === "unknown_outcome"
      ? { kind: "unknown_outcome", code: error.code }
      : { kind: "transient", code: error.code };
  }
  // node-fetch (inside telegraf) fails with errno codes; only "never connected" is safe to retry.
  if (surelyNotSent(error)) return { kind: "transient", code: `network_${networkCode(error) ?? "error"}` };
  return { kind: "unknown_outcome", code: `network_${networkCode(error) ?? "error"}` };
}
