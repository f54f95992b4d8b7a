import { TelegramError } from "telegraf";
import { ChannelError } from "../channel.js";
import { surelyNotSent } from "../network-errors.js";

/**
 * Maps telegraf errors to channel error kinds by `error_code` and `parameters` (platforms.md):
 * 429 carries `retry_after` seconds to wait exactly; 401/404 mean the token is dead; 403 that the
 * bot may not post there; other 4xx that Telegram refused the message; 5xx are retried.
 * Telegram keeps no idempotency, so a send whose answer never came is an unknown outcome.
 */
export function classifyTelegramError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  if (error instanceof TelegramError) {
    const code = error.code;
    if (code === 429) {
      const seconds = error.parameters?.retry_after ?? 30;
      return new ChannelError(
        "rate_limited",
        "rate_limited",
        `Telegram asked to wait ${seconds} s (flood control).`,
        seconds * 1000,
      );
    }
    if (code === 401 || code === 404) {
      return new ChannelError(
        "auth",
        "token_invalid",
        "Telegram refused the bot token: create a new one with @BotFather and set TELEGRAM_BOT_TOKEN.",
      );
    }
    if (code === 403) {
      return new ChannelError(
        "auth",
        "forbidden",
        "The bot may not post in the channel: make it an administrator of TELEGRAM_CHANNEL with the right to post.",
      );
    }
    if (code === 400 && error.parameters?.migrate_to_chat_id !== undefined) {
      return new ChannelError(
        "rejected",
        "chat_migrated",
        `The chat moved to ${error.parameters.migrate_to_chat_id}: update TELEGRAM_CHANNEL.`,
      );
    }
    if (code >= 500)
      return new ChannelError(
        "transient",
        "platform_error",
        `Telegram answered ${code}; it will be retried.`,
      );
    return new ChannelError(
      "rejected",
      "rejected",
      `Telegram refused the message (${code}: ${error.description}).`,
    );
  }
  if (surelyNotSent(error))
    return new ChannelError("transient", "network", "Telegram could not be reached; it will be retried.");
  return new ChannelError(
    "unknown_outcome",
    "connection_lost",
    "The connection to Telegram broke before an answer came; the message may have been posted.",
  );
}
