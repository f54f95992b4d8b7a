import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "pino";
import { isUpdate, type UpdateInbox } from "./update-inbox.js";

/** The header Telegram sends when setWebhook was given a secret_token (platforms.md, "Webhook"). */
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
export const WEBHOOK_PATH = "/telegram/webhook";
/** An update is a few KB; anything near the API's body cap is not from Telegram. */
const MAX_UPDATE_BYTES = 1024 * 1024;

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Constant-time comparison; hashing first hides the secret's length as well. */
export function secretMatches(expected: string | undefined, given: string | undefined): boolean {
  if (expected === undefined || given === undefined) return false;
  return timingSafeEqual(digest(expected), digest(given));
}

const error = (code: string, message: string) => ({ error: { code, message } });

/**
 * `POST /telegram/webhook`: public (no bearer token), guarded by the secret header. Without
 * TELEGRAM_WEBHOOK_SECRET (long polling) every call is refused. A genuine update is stored and
 * queued, then answered 200 at once — handling happens in the update worker, so a slow reply
 * never makes Telegram re-send. Redis down → 503, and Telegram re-sends later.
 */
export function createTelegramWebhookApp(deps: {
  secret: string | undefined;
  inbox: UpdateInbox;
  logger: Logger;
}) {
  const app = new Hono();
  app.post(
    WEBHOOK_PATH,
    async (c, next) => {
      // Never log the header: it is the secret (or a guess at it).
      if (!secretMatches(deps.secret, c.req.header(SECRET_HEADER))) {
        return c.json(error("forbidden", "Missing or wrong Telegram secret token."), 403);
      }
      await next();
    },
    bodyLimit({
      maxSize: MAX_UPDATE_BYTES,
      onError: (c) => c.json(error("payload_too_large", "The update is too large."), 413),
    }),
    async (c) => {
      let update: unknown;
      try {
        update = await c.req.json();
      } catch {
        return c.json(error("bad_request", "The body is not JSON."), 400);
      }
      if (!isUpdate(update)) return c.json(error("bad_request", "The body is not a Telegram update."), 400);
      try {
        await deps.inbox.accept(update);
      } catch (failure) {
        deps.logger.warn({ updateId: update.update_id, err: String(failure) }, "telegram update not queued");
        return c.json(error("unavailable", "Updates cannot be queued right now."), 503);
      }
      return c.json({ ok: true });
    },
  );
  return app;
}
