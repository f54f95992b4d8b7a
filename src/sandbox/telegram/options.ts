import type { Clock } from "../rate-limit.js";

/** Text 1–4096 characters after entity parsing; caption 0–1024 (platforms.md, Telegram "Length"). */
export const TELEGRAM_TEXT_MAX = 4096;
export const TELEGRAM_CAPTION_MAX = 1024;
/** Telegram answers a long poll after at most 50 s. */
export const TELEGRAM_MAX_POLL_SECONDS = 50;
/** getUpdates answers at most 100 updates. */
export const TELEGRAM_MAX_UPDATES = 100;
/** callback_data is 1–64 bytes. */
export const TELEGRAM_CALLBACK_DATA_MAX_BYTES = 64;

/**
 * Telegram's flood limits (platforms.md, "Rates"): about 1 message/s per private chat with short
 * bursts, 20 messages/min to one group or channel, about 30 messages/s in all.
 */
export interface TelegramLimits {
  privatePerSecond: number;
  privateBurst: number;
  groupPerMinute: number;
  globalPerSecond: number;
}

export const DEFAULT_TELEGRAM_LIMITS: TelegramLimits = {
  privatePerSecond: 1,
  privateBurst: 3,
  groupPerMinute: 20,
  globalPerSecond: 30,
};

/** A fake token in Telegram's `<bot id>:<secret>` shape. */
export const DEFAULT_TELEGRAM_TOKEN = "7000000001:AAsandbox-token-not-a-real-telegram-secret";

export interface TelegramSandboxOptions {
  token?: string;
  botUsername?: string;
  botName?: string;
  /** The public channel the stand-in hosts (the bot is an admin of it). */
  channel?: { username?: string; id?: number; title?: string };
  limits?: Partial<TelegramLimits>;
  /** Upper bound of one long poll in seconds (Telegram: 50). */
  maxPollSeconds?: number;
  /** Webhook delivery: attempts per update and the pause between them. */
  webhookAttempts?: number;
  webhookRetryMs?: number;
  webhookTimeoutMs?: number;
  clock?: Clock;
}

export interface ResolvedTelegramOptions {
  token: string;
  botId: number;
  botUsername: string;
  botName: string;
  channel: { username: string; id: number; title: string };
  limits: TelegramLimits;
  maxPollSeconds: number;
  webhookAttempts: number;
  webhookRetryMs: number;
  webhookTimeoutMs: number;
  clock: Clock;
}

export function resolveTelegramOptions(options: TelegramSandboxOptions = {}): ResolvedTelegramOptions {
  const token = options.token ?? DEFAULT_TELEGRAM_TOKEN;
  const botId = Number(token.split(":")[0]);
  return {
    token,
    botId: Number.isSafeInteger(botId) && botId > 0 ? botId : 7_000_000_001,
    botUsername: options.botUsername ?? "sada_sandbox_bot",
    botName: options.botName ?? "صدى (sandbox)",
    channel: {
      username: (options.channel?.username ?? "@sada_sandbox").replace(/^@/u, ""),
      id: options.channel?.id ?? -1_001_000_000_001,
      title: options.channel?.title ?? "صدى — Sada sandbox",
    },
    limits: { ...DEFAULT_TELEGRAM_LIMITS, ...options.limits },
    maxPollSeconds: Math.min(options.maxPollSeconds ?? TELEGRAM_MAX_POLL_SECONDS, TELEGRAM_MAX_POLL_SECONDS),
    webhookAttempts: options.webhookAttempts ?? 5,
    webhookRetryMs: options.webhookRetryMs ?? 1_000,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    clock: options.clock ?? (() => Date.now()),
  };
}
