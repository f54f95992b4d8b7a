import type { Article } from "../domain/article.js";
import { summarize } from "./fit.js";
import type { FormatOptions } from "./options.js";
import { type PreparedArticle, prepareArticle } from "./prepare.js";

/**
 * Facebook Page post (Graph API `POST /{page-id}/feed` with `message` and `link`). Plain text:
 * the Graph API shows markup literally. The link goes in its own field so Facebook builds the
 * card from the article's Open Graph tags instead of printing a bare URL.
 */
/** Graph API message limit (about 63,206 characters; docs/platforms.md rounds to 63,000). */
export const FACEBOOK_MESSAGE_MAX = 63_000;
/** Our cap: Facebook folds posts after a few lines ("See more"); a few paragraphs read best. */
export const FACEBOOK_SUMMARY_MAX = 1_500;

export interface FacebookPreview {
  message: string;
  link: string;
}

function compose(title: string, summary: string, tags: string): string {
  return [title, summary, tags].filter((block) => block !== "").join("\n\n");
}

export function formatFacebookPrepared(prepared: PreparedArticle): FacebookPreview {
  const { title, lang } = prepared;
  const summary = summarize(
    prepared.editorSummary ?? prepared.paragraphs,
    (s) => s.length <= FACEBOOK_SUMMARY_MAX && compose(title, s, "").length <= FACEBOOK_MESSAGE_MAX,
    { lang, paragraphSeparator: "\n\n" },
  ).text;
  const tags = prepared.hashtags.join(" ");
  return { message: compose(title, summary, tags), link: prepared.url };
}

/** The Facebook Page post for an article, exactly as the delivery worker sends it. */
export function formatFacebook(article: Article, options: FormatOptions): FacebookPreview {
  return formatFacebookPrepared(prepareArticle(article, options.boilerplate));
}
