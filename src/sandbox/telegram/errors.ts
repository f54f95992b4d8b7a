/**
 * A Bot API failure: HTTP status = `error_code`, body `{ ok: false, error_code, description,
 * parameters? }` (platforms.md, Telegram "Wire"). Thrown by method handlers, answered by the app.
 */
export class TelegramApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = "TelegramApiError";
  }
}

export const badRequest = (detail: string) => new TelegramApiError(400, `Bad Request: ${detail}`);
export const unauthorized = () => new TelegramApiError(401, "Unauthorized");
export const notFound = () => new TelegramApiError(404, "Not Found");
export const chatNotFound = () => badRequest("chat not found");
export const forbidden = (detail: string) => new TelegramApiError(403, `Forbidden: ${detail}`);
export const tooManyRequests = (retryAfter: number) =>
  new TelegramApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
export const conflict = (detail: string) => new TelegramApiError(409, `Conflict: ${detail}`);
export const migrated = (to: number) =>
  new TelegramApiError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
    migrate_to_chat_id: to,
  });
