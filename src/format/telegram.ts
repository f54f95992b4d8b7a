import type { Article } from "../domain/article.js";
import { fitText, summarize } from "./fit.js";
import type { FormatOptions } from "./options.js";
import { type PreparedArticle, prepareArticle } from "./prepare.js";
import { checkTelegramHtml, escapeTelegramHtml } from "./telegram-html.js";
import { uiStrings } from "./ui-strings.js";

/**
 * Telegram channel post and bot message, in the Bot API's HTML parse mode.
 * Limits (Bot API docs, sendMessage / sendPhoto): text 1–4096 characters and a photo caption
 * 0–1024, both counted after the markup is parsed, in UTF-16 code units.
 */
export const TELEGRAM_TEXT_MAX = 4096;
export const TELEGRAM_CAPTION_MAX = 1024;
/**
 * Our own cap on the summary: a channel post is a teaser with a link, not the article. About
 * four short paragraphs; well inside a caption with the title, link and hashtags.
 */
export const TELEGRAM_SUMMARY_MAX = 800;

export interface TelegramPreview {
  text: string;
  parseMode: "HTML";
  /** Set when the post is sent as a photo with `text` as its caption (sendPhoto). */
  photo?: string;
}

export interface TelegramBotPreview {
  text: string;
  parseMode: "HTML";
}

function plainLength(html: string): number {
  const result = checkTelegramHtml(html);
  // Our own markup is always valid; an invalid candidate must never be chosen, so it "overflows".
  return result.ok ? result.plainLength : Number.POSITIVE_INFINITY;
}

function compose(title: string, summary: string, link: string, tags: string): string {
  const blocks = [
    title === "" ? "" : `<b>${escapeTelegramHtml(title)}</b>`,
    escapeTelegramHtml(summary),
    link,
    escapeTelegramHtml(tags),
  ];
  return blocks.filter((block) => block !== "").join("\n\n");
}

/** Title, lead summary, "read more" link and the hashtags that fit, within `limit`. */
function formatHtml(prepared: PreparedArticle, limit: number): string {
  const { lang } = prepared;
  const link = `<a href="${escapeTelegramHtml(prepared.url)}">${escapeTelegramHtml(uiStrings(lang).readMore)}</a>`;
  const fitsWith = (title: string, summary: string, tags: string) =>
    plainLength(compose(title, summary, link, tags)) <= limit;
  const title = fitText(prepared.title, (t) => fitsWith(t, "", ""), lang);
  const summary = summarize(
    prepared.editorSummary ?? prepared.paragraphs,
    (s) => s.length <= TELEGRAM_SUMMARY_MAX && fitsWith(title, s, ""),
    { lang, paragraphSeparator: "\n\n" },
  ).text;
  let tags = "";
  for (const hashtag of prepared.hashtags) {
    const candidate = tags === "" ? hashtag : `${tags} ${hashtag}`;
    if (fitsWith(title, summary, candidate)) tags = candidate;
  }
  return compose(title, summary, link, tags);
}

export function formatTelegramPrepared(prepared: PreparedArticle, imageUrl: string | null): TelegramPreview {
  if (imageUrl !== null && imageUrl !== "") {
    return { text: formatHtml(prepared, TELEGRAM_CAPTION_MAX), parseMode: "HTML", photo: imageUrl };
  }
  return { text: formatHtml(prepared, TELEGRAM_TEXT_MAX), parseMode: "HTML" };
}

/**
 * The bot's message to each subscriber is always a text message (never a photo): a broadcast
 * goes to thousands of private chats at ~30 msg/s, a text message is the cheapest to send and
 * re-send, and Telegram's link preview still shows the article's Open Graph image. So it is the
 * channel text under the 4096 text limit, identical to the channel post when there is no image.
 */
export function formatTelegramBotPrepared(prepared: PreparedArticle): TelegramBotPreview {
  return { text: formatHtml(prepared, TELEGRAM_TEXT_MAX), parseMode: "HTML" };
}

/** The Telegram channel post for an article, exactly as the delivery worker sends it. */
export function formatTelegram(article: Article, options: FormatOptions): TelegramPreview {
  return formatTelegramPrepared(prepareArticle(article, options.boilerplate), article.imageUrl);
}

/** The Telegram bot's message to subscribers, exactly as the delivery worker sends it. */
export function formatTelegramBot(article: Article, options: FormatOptions): TelegramBotPreview {
  return formatTelegramBotPrepared(prepareArticle(article, options.boilerplate));
}
