import pino, { type Logger } from "pino";

/**
 * The one logger. Secrets never reach it by construction (payloads carry ids, errors are
 * summarised), and the redact list is a second net for the names secrets travel under.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "sada" },
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
    destination,
  );
}
