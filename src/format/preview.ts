import type { Article } from "../domain/article.js";
import { type FacebookPreview, formatFacebookPrepared } from "./facebook.js";
import type { FormatOptions } from "./options.js";
import { prepareArticle } from "./prepare.js";
import { formatRssPrepared, type RssPreview } from "./rss.js";
import {
  formatTelegramBotPrepared,
  formatTelegramPrepared,
  type TelegramBotPreview,
  type TelegramPreview,
} from "./telegram.js";
import { formatTwitterPrepared, type TwitterPreview } from "./twitter.js";

export { formatFacebook } from "./facebook.js";
export type { FormatOptions } from "./options.js";
export { DEFAULT_FORMAT_OPTIONS } from "./options.js";
export { formatRss } from "./rss.js";
export { formatTelegram, formatTelegramBot } from "./telegram.js";
export { formatTwitter } from "./twitter.js";

/** Exactly what each channel would send (contract: `GET /api/articles/{id}/preview`). */
export interface ChannelPreview {
  twitter: TwitterPreview;
  telegram: TelegramPreview;
  "telegram-bot": TelegramBotPreview;
  facebook: FacebookPreview;
  rss: RssPreview;
}

/**
 * Every channel's output. Cleans the article once; each `format*` export computes the same
 * output on its own, so a delivery worker sends byte for byte what this preview shows.
 */
export function renderPreview(article: Article, options: FormatOptions): ChannelPreview {
  const prepared = prepareArticle(article, options.boilerplate);
  return {
    twitter: formatTwitterPrepared(prepared, options),
    telegram: formatTelegramPrepared(prepared, article.imageUrl),
    "telegram-bot": formatTelegramBotPrepared(prepared),
    facebook: formatFacebookPrepared(prepared),
    rss: formatRssPrepared(prepared, article.id),
  };
}
