/**
 * Sentence, word and grapheme segmentation with `Intl.Segmenter` (ICU rules), plus the repairs
 * ICU needs on newsroom Arabic: it knows `؟` and `.` but not that a "sentence" ending inside an
 * open parenthesis or quote, or on a Latin initial like "(Paul T. Calvert)", is not a sentence.
 */

type Granularity = "grapheme" | "word" | "sentence";

const segmenters = new Map<string, Intl.Segmenter>();

/** A segmenter for `lang`; an unknown or malformed BCP 47 tag falls back to the root locale. */
export function segmenterFor(lang: string, granularity: Granularity): Intl.Segmenter {
  const key = `${granularity}\u0000${lang}`;
  let segmenter = segmenters.get(key);
  if (segmenter === undefined) {
    try {
      segmenter = new Intl.Segmenter(lang, { granularity });
    } catch {
      // RangeError on an ill-formed tag: the API accepts "any BCP 47 string", ICU does not.
      segmenter = new Intl.Segmenter(undefined, { granularity });
    }
    segmenters.set(key, segmenter);
  }
  return segmenter;
}

/** Grapheme clusters (user-perceived characters: emoji sequences, letters with marks). */
export function graphemes(text: string, lang = "und"): string[] {
  return Array.from(segmenterFor(lang, "grapheme").segment(text), (s) => s.segment);
}

/** End offsets (UTF-16) of word-like segments: the only places a text may be cut. */
export function wordEnds(text: string, lang: string): number[] {
  const ends: number[] = [];
  for (const s of segmenterFor(lang, "word").segment(text)) {
    if (s.isWordLike === true) ends.push(s.index + s.segment.length);
  }
  return ends;
}

/** Words (word-like segments) of a text. */
export function words(text: string, lang: string): string[] {
  return Array.from(segmenterFor(lang, "word").segment(text))
    .filter((s) => s.isWordLike === true)
    .map((s) => s.segment);
}

/** A merged "sentence" never grows past this, so one stray quote cannot swallow an article. */
const MAX_MERGED_SENTENCE = 1000;

/** Latin abbreviations ICU's root rules break after ("Gen. Calvert" is one sentence). */
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "gen",
  "col",
  "lt",
  "sgt",
  "capt",
  "maj",
  "st",
  "jr",
  "sr",
  "vs",
  "etc",
  "inc",
  "ltd",
  "co",
  "e.g",
  "i.e",
  "u.s",
  "u.k",
  "u.n",
]);

const LONE_INITIAL_OR_ABBREVIATION = /(?:^|[\s(“«"'])([\p{L}.]{1,4})\.\s*$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function count(text: string, chars: string): number {
  let n = 0;
  for (const char of text) if (chars.includes(char)) n += 1;
  return n;
}

/** Whether the sentence stops where no sentence can stop, so the next one belongs to it. */
function endsMidSentence(sentence: string): boolean {
  if (count(sentence, "([{") > count(sentence, ")]}")) return true;
  if (count(sentence, "«") > count(sentence, "»")) return true;
  // Newsroom copy often closes quotes with “ or opens with ”; only a surplus of openers counts.
  if (count(sentence, "“") > count(sentence, "”")) return true;
  const tail = LONE_INITIAL_OR_ABBREVIATION.exec(sentence)?.[1];
  if (tail === undefined) return false;
  const isInitial = /^\p{Lu}$/u.test(tail) || /^\p{Ll}$/u.test(tail);
  return isInitial || ABBREVIATIONS.has(tail.toLowerCase());
}

/**
 * The sentences of one paragraph, trimmed, in order, with ICU's absurd breaks repaired:
 * a sentence ending inside an open bracket or quote or on an initial/abbreviation is joined to
 * the next; a fragment without letters or digits ("(..)", "”.") is joined to the previous.
 */
export function sentences(paragraph: string, lang: string): string[] {
  const raw = Array.from(segmenterFor(lang, "sentence").segment(paragraph), (s) => s.segment);
  const merged: string[] = [];
  let pending = "";
  for (const piece of raw) {
    if (!HAS_LETTER_OR_DIGIT.test(piece) && pending === "" && merged.length > 0) {
      merged[merged.length - 1] = `${merged.at(-1) ?? ""}${piece}`;
      continue;
    }
    pending += piece;
    if (!endsMidSentence(pending) || pending.length > MAX_MERGED_SENTENCE) {
      merged.push(pending);
      pending = "";
    }
  }
  if (pending !== "") merged.push(pending);
  return merged.map((s) => s.trim()).filter((s) => s !== "");
}
