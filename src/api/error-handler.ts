import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "pino";
import { SadaError } from "../domain/errors.js";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown[] };
}

const errorJson = (c: Context, status: ContentfulStatusCode, body: ErrorBody["error"]) =>
  c.json({ error: body } satisfies ErrorBody, status);

/** The status codes Hono's own exceptions use, mapped to contract codes. */
const HTTP_EXCEPTION_CODES: Partial<Record<number, string>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/**
 * The one place errors become answers. `redisReady` tells whether the store's connection is up:
 * any failure while it is down is a 503, whatever the error looked like, because the request
 * itself may be fine and will succeed once Redis is back.
 */
export function createErrorHandler(options: { logger: Logger; redisReady: () => boolean }) {
  return (error: Error, c: Context) => {
    if (error instanceof SadaError) {
      const body: ErrorBody["error"] = { code: error.code, message: error.message };
      if (error.details !== undefined) body.details = error.details;
      return errorJson(c, error.status, body);
    }
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      const code = HTTP_EXCEPTION_CODES[status] ?? "http_error";
      return errorJson(c, status, { code, message: error.message || "The request was refused." });
    }
    if (!options.redisReady()) {
      options.logger.warn({ err: error.message }, "request failed while Redis is unavailable");
      c.header("Retry-After", "5");
      return errorJson(c, 503, {
        code: "storage_unavailable",
        message: "Storage (Redis) is unavailable; nothing was changed. Try again shortly.",
      });
    }
    options.logger.error({ err: error }, "unexpected error");
    return errorJson(c, 500, { code: "internal_error", message: "Something went wrong on our side." });
  };
}

export const notFoundHandler = (c: Context) =>
  errorJson(c, 404, { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}.` });
