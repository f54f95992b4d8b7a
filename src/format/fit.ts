import { sentenceIterator, wordEnds } from "./segment.js";

/**
 * Fitting text into a channel's budget. The budget is a predicate, not a number, because each
 * platform measures differently: X counts weighted characters (URL = 23, `…` = 2), Telegram
 * counts UTF-16 code units of the parsed HTML. Callers pass `fits(candidate)` for the candidate
 * piece; the predicate usually composes the whole post around it and measures that.
 */
export type Fits = (text: string) => boolean;

/** U+2026: one character, counted 2 by X's weighting (twitter-text config v3). */
export const ELLIPSIS = "…";

// What may not stand just before the ellipsis: spaces, commas, colons, dashes, opening brackets
// and quotes ("وقال: “…" reads as a glitch; "وقال…" reads as an abridgement).
const DANGLING_TAIL = /[\s\p{Ps}\p{Pi}\p{Pd},،;؛:]+$/u;

// A URL must never be cut: a half URL is a broken link, and X would re-measure it.
const URL_TOKEN = /(?:https?:\/\/|www\.)\S+/giu;

function urlRanges(text: string): [number, number][] {
  return Array.from(text.matchAll(URL_TOKEN), (m) => [m.index, m.index + m[0].length]);
}

function withoutDanglingTail(prefix: string): string {
  // Only the last few characters can dangle; never run the regex over a 100,000-character prefix.
  const tailStart = Math.max(0, prefix.length - 16);
  const tail = prefix.slice(tailStart).replace(DANGLING_TAIL, "");
  return tail.length === prefix.length - tailStart ? prefix : prefix.slice(0, tailStart) + tail;
}

/**
 * No channel's budget reaches this many characters of prose, so a cut never lies beyond it;
 * URLs (which X counts as 23 whatever their length) extend the window by their own length.
 */
const CUT_WINDOW = 8_000;

/** The part of `text` a cut can fall in: CUT_WINDOW characters plus the URLs inside them. */
function cutWindow(text: string, urls: readonly [number, number][]): string {
  let end = CUT_WINDOW;
  for (const [from, to] of urls) if (from < end) end += to - from;
  return end >= text.length ? text : text.slice(0, end);
}

/** The longest prefix ending on a whole word, plus `…`, that fits; "" when not even one word does. */
export function truncateWords(fullText: string, fits: Fits, lang: string): string {
  const text = cutWindow(fullText, urlRanges(fullText));
  const urls = urlRanges(text);
  const ends = wordEnds(text, lang).filter((end) => !urls.some(([from, to]) => end > from && end < to));
  // Fitting is monotone in length for every measure we use, so binary search the cut.
  let low = 0;
  let high = ends.length - 1;
  let best = "";
  while (low <= high) {
    const mid = (low + high) >> 1;
    const prefix = withoutDanglingTail(text.slice(0, ends[mid] ?? 0));
    const candidate = `${prefix}${ELLIPSIS}`;
    if (prefix !== "" && fits(candidate)) {
      best = candidate;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return best;
}

/** The text as is when it fits, else cut on a whole word with `…`, else "". */
export function fitText(text: string, fits: Fits, lang: string): string {
  if (fits(text)) return text;
  return truncateWords(text, fits, lang);
}

export interface SummaryOptions {
  lang: string;
  /** Between paragraphs: "\n\n" where line breaks show, " " where they waste space. */
  paragraphSeparator: string;
}

export interface Summary {
  text: string;
  /** True when the text ends in a word cut with `…` rather than on whole sentences. */
  cut: boolean;
}

/** The sentences of paragraphs, lazily, each tagged with whether it starts a paragraph. */
export function* sentenceStream(
  paragraphs: readonly string[],
  lang: string,
): Generator<{ sentence: string; startsParagraph: boolean }> {
  for (const paragraph of paragraphs) {
    let startsParagraph = true;
    for (const sentence of sentenceIterator(paragraph, lang)) {
      yield { sentence, startsParagraph };
      startsParagraph = false;
    }
  }
}

/**
 * An extractive lead summary: the paragraphs' sentences in order, as many whole sentences as fit.
 * When not even the first sentence fits, its longest whole-word prefix with `…`. Paragraphs are
 * segmented lazily, so a 100,000-character body costs only what the summary reads.
 */
export function summarize(paragraphs: readonly string[], fits: Fits, options: SummaryOptions): Summary {
  let text = "";
  for (const { sentence, startsParagraph } of sentenceStream(paragraphs, options.lang)) {
    const separator = text === "" ? "" : startsParagraph ? options.paragraphSeparator : " ";
    const candidate = `${text}${separator}${sentence}`;
    if (!fits(candidate)) {
      if (text !== "") return { text, cut: false };
      const cut = truncateWords(sentence, fits, options.lang);
      return { text: cut, cut: true };
    }
    text = candidate;
  }
  return { text, cut: false };
}
