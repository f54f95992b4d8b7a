import { checkTelegramHtml } from "../../format/telegram-html.js";
import { badRequest, TelegramApiError } from "./errors.js";
import { TELEGRAM_CALLBACK_DATA_MAX_BYTES } from "./options.js";

const PARSE_MODES = new Set(["HTML", "MarkdownV2", "Markdown"]);

/**
 * The text as a reader sees it, after `parse_mode`. HTML is checked strictly by the formatter's
 * own checker (so the sandbox refuses what Telegram refuses, e.g. `<br>`); Markdown modes are
 * accepted as they are: Sada sends HTML only.
 */
export function parsedText(text: string, parseMode: string | undefined): string {
  if (parseMode === undefined || parseMode === "") return text;
  if (!PARSE_MODES.has(parseMode)) throw badRequest("unsupported parse_mode");
  if (parseMode !== "HTML") return text;
  const check = checkTelegramHtml(text);
  if (check.ok) return check.plainText;
  const description = check.error.startsWith("Bad Request:") ? check.error : `Bad Request: ${check.error}`;
  throw new TelegramApiError(400, description);
}

/** Accepts an inline keyboard as Telegram does: rows of buttons with text and one action. */
export function checkReplyMarkup(markup: unknown): void {
  if (markup === undefined) return;
  if (typeof markup !== "object" || markup === null)
    throw badRequest("can't parse reply keyboard markup JSON object");
  const keyboard = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (keyboard === undefined) return;
  if (!Array.isArray(keyboard))
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  for (const row of keyboard) {
    if (!Array.isArray(row))
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    for (const button of row) {
      if (typeof button !== "object" || button === null)
        throw badRequest("can't parse inline keyboard button");
      const {
        text,
        callback_data: data,
        url,
      } = button as { text?: unknown; callback_data?: unknown; url?: unknown };
      if (typeof text !== "string" || text === "")
        throw badRequest(
          "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        );
      if (data === undefined && url === undefined) {
        throw badRequest(
          "can't parse inline keyboard button: InlineKeyboardButton must have exactly one optional field",
        );
      }
      if (data !== undefined) {
        const bytes = typeof data === "string" ? Buffer.byteLength(data) : 0;
        if (bytes < 1 || bytes > TELEGRAM_CALLBACK_DATA_MAX_BYTES) throw badRequest("BUTTON_DATA_INVALID");
      }
      if (url !== undefined && (typeof url !== "string" || !/^(https?|tg):/u.test(url))) {
        throw badRequest("BUTTON_URL_INVALID");
      }
    }
  }
}
