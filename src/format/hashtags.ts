import twitterText from "twitter-text";
import { cleanLine } from "./clean.js";

/**
 * Tags → hashtags that X (and Telegram, whose rules are looser) recognise as one whole hashtag.
 * X accepts letters, combining marks, digits, `_` and a few joiners (twitter-text's
 * `hashtagAlphaNumeric`), and at least one non-digit; Arabic letters and marks are letters.
 */

// Letters, marks, decimal digits, underscore, ZWNJ/ZWJ (Persian, emoji): a superset of what X
// takes; twitter-text's own extractor is the final judge below.
const NOT_HASHTAG_CHAR = /[^\p{L}\p{M}\p{Nd}_\u200C\u200D]/gu;

/** The hashtag (without `#`) for one tag, or null when the tag cannot become one. */
export function toHashtag(tag: string): string | null {
  const body = cleanLine(tag)
    // Spaces and word-joining punctuation ("covid-19", "2023/24") become `_`; the rest goes.
    .replace(/[\s\p{Pd}/.]+/gu, "_")
    .replace(NOT_HASHTAG_CHAR, "")
    .replace(/_+/gu, "_")
    .replace(/^_+|_+$/gu, "");
  if (body === "") return null;
  // Whatever twitter-text does not read back as exactly this one hashtag is dropped.
  const extracted = twitterText.extractHashtags(`#${body}`);
  return extracted.length === 1 && extracted[0] === body ? body : null;
}

/** `#hashtags` for an article's tags, in order, without duplicates (case-insensitive). */
export function hashtagsFor(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const tag of tags) {
    const body = toHashtag(tag);
    if (body === null) continue;
    const key = body.toLocaleLowerCase("und");
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(`#${body}`);
  }
  return result;
}

/** Feed categories: tags cleaned to one line, empty ones and duplicates dropped. */
export function categoriesFor(tags: readonly string[]): string[] {
  return [...new Set(tags.map(cleanLine).filter((tag) => tag !== ""))];
}
