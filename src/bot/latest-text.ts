import type { Article } from "../domain/article.js";
import { escapeTelegramHtml } from "../format/telegram-html.js";
import type { BotStrings } from "./bot-strings.js";

/** /latest shows this many published articles. */
export const LATEST_COUNT = 5;

/** The /latest answer in Telegram HTML: a numbered list of linked titles. */
export function latestText(articles: readonly Article[], strings: BotStrings): string {
  if (articles.length === 0) return strings.latestEmpty;
  const lines = articles.map(
    (article, index) =>
      `${index + 1}. <a href="${escapeTelegramHtml(article.url)}">${escapeTelegramHtml(article.title)}</a>`,
  );
  return `<b>${escapeTelegramHtml(strings.latestTitle)}</b>\n\n${lines.join("\n")}`;
}
