import { type BoilerplatePatterns, DEFAULT_BOILERPLATE } from "../../config/boilerplate.js";
import type { Article } from "../domain/article.js";
import { cleanLine, cleanParagraphs } from "./clean.js";
import { categoriesFor, hashtagsFor } from "./hashtags.js";

/** An article cleaned once, in the shape every channel formatter starts from. */
export interface PreparedArticle {
  title: string;
  /** Body paragraphs: normalised, boilerplate footer stripped. */
  paragraphs: string[];
  /** The editor's summary as paragraphs, or null to generate one from `paragraphs`. */
  editorSummary: string[] | null;
  url: string;
  lang: string;
  hashtags: string[];
  categories: string[];
}

export function prepareArticle(
  article: Article,
  boilerplate: BoilerplatePatterns = DEFAULT_BOILERPLATE,
): PreparedArticle {
  const editorSummary = article.summary === null ? [] : cleanParagraphs(article.summary, boilerplate);
  const lang = cleanLine(article.lang);
  return {
    title: cleanLine(article.title),
    paragraphs: cleanParagraphs(article.body, boilerplate),
    editorSummary: editorSummary.length > 0 ? editorSummary : null,
    url: article.url.trim(),
    lang: lang === "" ? "und" : lang,
    hashtags: hashtagsFor(article.tags),
    categories: categoriesFor(article.tags),
  };
}
