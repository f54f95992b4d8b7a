import { createMiddleware } from "hono/factory";
import { SadaError } from "../domain/errors.js";
import type { AppEnv } from "./app-env.js";

const WINDOW_MS = 60_000;

/**
 * Per-token request budget on `/api/*` (API_RATE_LIMIT per minute; 0 turns it off): a runaway
 * CMS script gets 429 with Retry-After instead of filling the queues. A fixed window in process
 * memory: with several API processes each enforces it on its own, which is enough for this job.
 */
export function apiRateLimit(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return createMiddleware<AppEnv>(async (c, next) => {
    if (perMinute > 0) {
      const actor = c.get("actor");
      const time = now();
      let window = windows.get(actor);
      if (window === undefined || time - window.start >= WINDOW_MS) {
        window = { start: time, count: 0 };
        windows.set(actor, window);
      }
      window.count += 1;
      if (window.count > perMinute) {
        c.header("Retry-After", String(Math.ceil((window.start + WINDOW_MS - time) / 1000)));
        throw new SadaError(
          429,
          "rate_limited",
          `Too many requests for this token: at most ${perMinute} a minute.`,
        );
      }
    }
    await next();
  });
}
