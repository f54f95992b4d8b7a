import type { Article } from "../domain/article.js";
import { summarize } from "./fit.js";
import type { FormatOptions } from "./options.js";
import { type PreparedArticle, prepareArticle } from "./prepare.js";

/**
 * An RSS 2.0 item (for the `rss` package's `.item()`): plain-text description, the full cleaned
 * body as HTML for `content:encoded`. RSS has no length limit; readers show the description as
 * a teaser, so it gets a cap of its own.
 */
export const RSS_DESCRIPTION_MAX = 600;

export interface RssPreview {
  title: string;
  description: string;
  link: string;
  /**
   * The article id, not its URL: an editor may correct the URL (PATCH), and a changed guid makes
   * every reader show the article again as new. Publish it with `isPermaLink="false"`.
   */
  guid: string;
  /** Escaped `<p>` paragraphs; the `rss` package wraps it in CDATA via `custom_elements`. */
  contentHtml: string;
  categories: string[];
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => `&#${char.charCodeAt(0)};`);
}

function paragraphHtml(paragraph: string): string {
  // A paragraph kept as lines (a list, a verse) keeps its line breaks.
  return `<p>${paragraph.split("\n").map(escapeHtml).join("<br>")}</p>`;
}

export function formatRssPrepared(prepared: PreparedArticle, id: string): RssPreview {
  const description = summarize(
    prepared.editorSummary ?? prepared.paragraphs,
    (s) => s.length <= RSS_DESCRIPTION_MAX,
    { lang: prepared.lang, paragraphSeparator: "\n\n" },
  ).text;
  return {
    title: prepared.title,
    description,
    link: prepared.url,
    guid: id,
    contentHtml: prepared.paragraphs.map(paragraphHtml).join("\n"),
    categories: prepared.categories,
  };
}

/** The RSS item for an article, exactly as the feed shows it. */
export function formatRss(article: Article, options: FormatOptions): RssPreview {
  return formatRssPrepared(prepareArticle(article, options.boilerplate), article.id);
}
