import { z } from "zod";
import { CHANNEL_IDS, type ChannelId } from "../src/domain/channel.js";

/**
 * Every environment variable Sada reads, parsed once at boot. This is the only module that reads
 * `process.env` (through `loadConfig`); the frozen result is passed down to everything else.
 */

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);

const httpOrigin = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//u.test(value), "must be an http(s) URL")
  .transform((value) => value.replace(/\/+$/u, ""));

const channelList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  )
  .pipe(z.array(z.enum(CHANNEL_IDS)).min(1, "must name at least one channel"))
  .transform((list) => [...new Set(list)] as ChannelId[]);

const apiTokens = z
  .string()
  .transform((value, context) => {
    const tokens: { name: string; token: string }[] = [];
    for (const pair of value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "")) {
      const colon = pair.indexOf(":");
      const name = pair.slice(0, colon).trim();
      const token = pair.slice(colon + 1).trim();
      if (colon <= 0 || name === "" || token.length < 16) {
        // Never echo the pair itself: it holds a secret.
        context.addIssue({
          code: "custom",
          message: "must be comma-separated name:token pairs, tokens ≥ 16 characters",
        });
        return z.NEVER;
      }
      tokens.push({ name, token });
    }
    if (tokens.length === 0) {
      context.addIssue({ code: "custom", message: "must hold at least one name:token pair" });
      return z.NEVER;
    }
    return tokens;
  })
  .optional();

/** Telegram accepts 1–256 of A-Za-z0-9_- as a webhook secret. */
const webhookSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,256}$/u, "must be 1–256 characters of A-Z a-z 0-9 _ -")
  .optional();

export const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: httpOrigin.optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//u, "must start with redis:// or rediss://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  /** Extension: namespace of every Redis key (`<prefix>:…`) and BullMQ queue (`<prefix>-bull`). */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/u, "must be 1–40 of a-z 0-9 _ -")
    .default("sada"),
  API_TOKENS: apiTokens,
  CHANNELS: channelList.default([...CHANNEL_IDS]),
  /** Extension: API requests per minute per token (0 = no limit). */
  API_RATE_LIMIT: nonNegativeInt.max(1_000_000).default(1_200),
  SANDBOX: z.enum(["auto", "off"]).default("auto"),

  TWITTER_APP_KEY: optionalString,
  TWITTER_APP_SECRET: optionalString,
  TWITTER_ACCESS_TOKEN: optionalString,
  TWITTER_ACCESS_SECRET: optionalString,
  TWITTER_API_URL: httpOrigin.default("https://api.x.com"),
  /** Extension: posts per thread (1 = a single post, the default). */
  TWITTER_THREAD_MAX: z.coerce.number().int().min(1).max(25).default(1),

  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_CHANNEL: z
    .string()
    .regex(/^(?:@[A-Za-z][A-Za-z0-9_]{3,}|-100\d+)$/u, "must be @channelname or a numeric -100… id")
    .optional(),
  TELEGRAM_API_URL: httpOrigin.default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_SECRET: webhookSecret,
  /** Extension: messages per second for the bot's broadcast (Telegram allows about 30). */
  TELEGRAM_BROADCAST_RATE: z.coerce.number().positive().max(1000).default(25),
  /** Extension: posts per minute to the public channel (Telegram allows 20). */
  TELEGRAM_CHANNEL_PER_MINUTE: z.coerce.number().int().positive().max(20).default(18),

  FACEBOOK_PAGE_ID: z.string().regex(/^\d+$/u, "must be a numeric Page id").optional(),
  FACEBOOK_PAGE_TOKEN: optionalString,
  FACEBOOK_GRAPH_URL: httpOrigin.default("https://graph.facebook.com"),
  FACEBOOK_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/u, "must look like v26.0")
    .default("v26.0"),

  DELIVERY_ATTEMPTS: positiveInt.max(100).default(8),
  DELIVERY_BACKOFF_MS: nonNegativeInt.max(24 * 3600 * 1000).default(5000),
  /** Extension: how long shutdown waits for running jobs before giving up on them. */
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  /** Extension: a job's lock; a worker that dies mid-send is noticed after about this long. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),

  /** Extension: RSS channel metadata. */
  FEED_TITLE: z.string().min(1).default("Sada"),
  FEED_DESCRIPTION: z.string().min(1).default("Latest articles"),
  FEED_SITE_URL: httpOrigin.optional(),
  FEED_LANGUAGE: z.string().min(2).default("ar"),
  FEED_IMAGE_URL: httpOrigin.optional(),
  FEED_TTL_MINUTES: positiveInt.default(15),
  FEED_SIZE: positiveInt.max(500).default(50),

  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

/** Thrown when the environment is invalid; its message is the one line printed at boot. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const CHANNEL_CREDENTIALS: Record<"twitter" | "telegram" | "facebook", readonly (keyof Env)[]> = {
  twitter: ["TWITTER_APP_KEY", "TWITTER_APP_SECRET", "TWITTER_ACCESS_TOKEN", "TWITTER_ACCESS_SECRET"],
  telegram: ["TELEGRAM_BOT_TOKEN", "TELEGRAM_CHANNEL"],
  facebook: ["FACEBOOK_PAGE_ID", "FACEBOOK_PAGE_TOKEN"],
};

/** Parses an environment; throws a ConfigError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new ConfigError(`Invalid ${variable}: ${issue?.message ?? "invalid value"}`);
  }
  const env = result.data;
  for (const [platform, names] of Object.entries(CHANNEL_CREDENTIALS)) {
    const set = names.filter((name) => env[name] !== undefined);
    if (set.length > 0 && set.length < names.length) {
      const missing = names.filter((name) => env[name] === undefined);
      throw new ConfigError(
        `Invalid ${missing[0]}: ${platform} credentials are only partly set (missing ${missing.join(", ")})`,
      );
    }
  }
  return env;
}
