import pino, { type Logger } from "pino";

/**
 * Patterns of secrets as they appear inside error messages from client libraries: a Telegram
 * token in a Bot API URL (node-fetch puts the URL in its message), a Graph `access_token`
 * parameter, OAuth header fields, a bearer token.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/bot\d{3,}:[\w-]{10,}/gu, "bot[redacted]"],
  [/(access_token=)[^&\s"']+/gu, "$1[redacted]"],
  [/(oauth_(?:token|signature|consumer_key)=)"?[^",\s]+"?/gu, "$1[redacted]"],
  [/(Bearer\s+)[^\s"']+/giu, "$1[redacted]"],
];

/** Replaces every known secret and every secret-shaped substring in a string. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 8) clean = clean.split(secret).join("[redacted]");
  for (const [pattern, replacement] of SECRET_PATTERNS) clean = clean.replace(pattern, replacement);
  return clean;
}

function scrubDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value, secrets);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubSecrets(value.message, secrets),
      stack: scrubSecrets(value.stack ?? "", secrets),
    };
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, scrubDeep(item, secrets, depth + 1)]),
  );
}

/**
 * The one logger. Secrets never reach it by construction (payloads carry ids, errors are
 * summarised); as a second net, every string logged is scrubbed of the configured secrets and of
 * secret-shaped substrings, and the usual field names are redacted.
 */
export function createLogger(
  level: string,
  options: { secrets?: readonly string[]; destination?: pino.DestinationStream } = {},
): Logger {
  const secrets = [...(options.secrets ?? [])];
  return pino(
    {
      level,
      base: { service: "sada" },
      formatters: { log: (object) => scrubDeep(object, secrets) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg, secrets) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      redact: {
        paths: [
          "token",
          "*.token",
          "accessToken",
          "*.accessToken",
          "access_token",
          "*.access_token",
          "authorization",
          "*.authorization",
          "headers.authorization",
          "*.headers.authorization",
          "secret",
          "*.secret",
        ],
        censor: "[redacted]",
      },
    },
    options.destination,
  );
}
