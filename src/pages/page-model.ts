import type { Config } from "../../config/index.js";
import { type Article, textDirection } from "../domain/article.js";
import { feedPath } from "../feed/feed-channel.js";
import { cleanLine, cleanParagraphs } from "../format/clean.js";
import { formatOptions } from "../format/format-options-from-config.js";
import { formatRss } from "../format/rss.js";

/** Everything the article page shows, cleaned; the page component only lays it out. */
export interface ArticlePageModel {
  lang: string;
  dir: "rtl" | "ltr";
  title: string;
  /** The same teaser as the feed's description (one formatter for both), on one line for meta. */
  description: string;
  /** Paragraphs, each as its lines (a list or verse keeps its line breaks). */
  paragraphs: string[][];
  canonicalUrl: string;
  imageUrl: string | null;
  author: string | null;
  tags: { name: string; feedUrl: string }[];
  publishedAt: Date;
  modifiedAt: Date | null;
  publishedLabel: string;
  ogLocale: string | null;
  siteName: string;
  siteUrl: string;
  feedUrl: string;
}

/**
 * og:locale wants language_TERRITORY. A tag with a region maps directly; a bare language takes
 * the territory Facebook lists for it. Unknown → no og:locale (the default en_US would be wrong).
 */
const DEFAULT_TERRITORY: Readonly<Record<string, string>> = {
  ar: "AR",
  en: "US",
  fr: "FR",
  fa: "IR",
  ur: "PK",
  he: "IL",
  tr: "TR",
  ku: "TR",
  de: "DE",
  es: "ES",
};

export function ogLocale(lang: string): string | null {
  const [language, region] = lang.split("-");
  if (language === undefined || !/^[a-z]{2,3}$/iu.test(language)) return null;
  const primary = language.toLowerCase();
  if (region !== undefined && /^[a-z]{2}$/iu.test(region)) return `${primary}_${region.toUpperCase()}`;
  const territory = DEFAULT_TERRITORY[primary];
  return territory === undefined ? null : `${primary}_${territory}`;
}

/** Only http(s) URLs reach `href`/`src`: the API validates them, this keeps the page safe anyway. */
export const httpUrlOrNull = (value: string | null) =>
  value !== null && /^https?:\/\//iu.test(value.trim()) ? value.trim() : null;

function dateLabel(date: Date, lang: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "long", timeStyle: "short", timeZone: "UTC" };
  try {
    return `${new Intl.DateTimeFormat(lang, options).format(date)} UTC`;
  } catch {
    // An odd BCP 47 tag Intl refuses: fall back rather than fail the page.
    return `${new Intl.DateTimeFormat("en", options).format(date)} UTC`;
  }
}

export function articlePageModel(article: Article, publishedAtMs: number, config: Config): ArticlePageModel {
  const rss = formatRss(article, formatOptions(config));
  const lang = cleanLine(article.lang) || "und";
  const publishedAt = new Date(publishedAtMs);
  const updated = new Date(article.updatedAt);
  const author = article.author === null ? "" : cleanLine(article.author);
  return {
    lang,
    dir: textDirection(lang),
    title: rss.title,
    description: rss.description.replace(/\s+/gu, " "),
    paragraphs: cleanParagraphs(article.body, config.boilerplate).map((p) => p.split("\n")),
    canonicalUrl:
      httpUrlOrNull(article.url) ?? `${config.publicUrl}/articles/${encodeURIComponent(article.id)}`,
    imageUrl: httpUrlOrNull(article.imageUrl),
    author: author === "" ? null : author,
    tags: rss.categories.map((name) => ({ name, feedUrl: `${config.publicUrl}${feedPath(name)}` })),
    publishedAt,
    // A correction after publication is worth telling (og and the page both show it).
    modifiedAt: Number.isFinite(updated.getTime()) && updated.getTime() > publishedAtMs ? updated : null,
    publishedLabel: dateLabel(publishedAt, lang),
    ogLocale: ogLocale(lang),
    siteName: cleanLine(config.FEED_TITLE),
    siteUrl: config.FEED_SITE_URL ?? config.publicUrl,
    feedUrl: `${config.publicUrl}${feedPath(null)}`,
  };
}
