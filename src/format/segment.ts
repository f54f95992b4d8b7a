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

/**
 * V8's word iterator slows down quadratically with the length of the string it walks (16,000
 * characters: ~0.1 s; 100,000: over a minute), so long texts are segmented in chunks cut at a
 * space. A chunk boundary is a word boundary wherever words are separated by spaces; in a run of
 * more than a chunk without any space (Thai, CJK, a pasted hash) a boundary may be introduced
 * inside a word, which only affects texts that long.
 */
const WORD_CHUNK = 512;
const CHUNK_SEARCH = 128;

/** Chunk start offsets: every ~WORD_CHUNK characters, moved back to just after a space if one is near. */
function chunkStarts(text: string): number[] {
  const starts = [0];
  let at = 0;
  while (text.length - at > WORD_CHUNK) {
    let cut = at + WORD_CHUNK;
    const space = text.lastIndexOf(" ", cut);
    if (space > cut - CHUNK_SEARCH && space > at) cut = space + 1;
    // Never split a surrogate pair.
    else if (/[\uDC00-\uDFFF]/u.test(text[cut] ?? "")) cut += 1;
    starts.push(cut);
    at = cut;
  }
  return starts;
}

/** Word segments of a text with their offsets, chunk by chunk (see WORD_CHUNK). */
function* wordSegments(
  text: string,
  lang: string,
): Generator<{ index: number; segment: string; isWordLike: boolean }> {
  const segmenter = segmenterFor(lang, "word");
  const starts = chunkStarts(text);
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i] ?? 0;
    const to = starts[i + 1] ?? text.length;
    for (const s of segmenter.segment(text.slice(from, to))) {
      yield { index: from + s.index, segment: s.segment, isWordLike: s.isWordLike === true };
    }
  }
}

/** End offsets (UTF-16) of word-like segments: the only places a text may be cut. */
export function wordEnds(text: string, lang: string): number[] {
  const ends: number[] = [];
  for (const s of wordSegments(text, lang)) if (s.isWordLike) ends.push(s.index + s.segment.length);
  return ends;
}

/** Words (word-like segments) of a text. */
export function words(text: string, lang: string): string[] {
  const found: string[] = [];
  for (const s of wordSegments(text, lang)) if (s.isWordLike) found.push(s.segment);
  return found;
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

/** Sentence segmentation chunk size; V8's sentence iterator is quadratic too (see WORD_CHUNK). */
const SENTENCE_CHUNK = 2_000;
/** A raw "sentence" longer than this is emitted as is; no channel's budget comes near it. */
const MAX_RAW_SENTENCE = 8_000;

/**
 * ICU's raw sentences, produced chunk by chunk and lazily: each chunk's last segment may be a
 * sentence cut by the chunk's end, so it is carried into the next chunk and segmented again.
 */
function* rawSentences(paragraph: string, lang: string): Generator<string> {
  const segmenter = segmenterFor(lang, "sentence");
  let carry = "";
  let at = 0;
  while (at < paragraph.length || carry !== "") {
    let end = Math.min(paragraph.length, at + SENTENCE_CHUNK);
    if (end < paragraph.length) {
      const space = paragraph.lastIndexOf(" ", end);
      if (space > at) end = space + 1;
    }
    const chunk = carry + paragraph.slice(at, end);
    at = end;
    const pieces = Array.from(segmenter.segment(chunk), (piece) => piece.segment);
    const last = pieces.pop() ?? "";
    yield* pieces;
    if (at >= paragraph.length || last.length > MAX_RAW_SENTENCE) {
      if (last !== "") yield last;
      carry = "";
    } else {
      carry = last;
    }
  }
}

/**
 * The sentences of one paragraph, trimmed, in order, lazily, with ICU's absurd breaks repaired:
 * a sentence ending inside an open bracket or quote or on an initial/abbreviation is joined to
 * the next; a fragment without letters or digits ("(..)", "”.") is joined to the previous.
 */
export function* sentenceIterator(paragraph: string, lang: string): Generator<string> {
  // A fragment is joined to the previous sentence, so each sentence is held until the next one
  // shows it is complete.
  let held = "";
  let pending = "";
  for (const piece of rawSentences(paragraph, lang)) {
    if (!HAS_LETTER_OR_DIGIT.test(piece) && pending === "" && held !== "") {
      if (held.length <= MAX_MERGED_SENTENCE) {
        held += piece;
        continue;
      }
    }
    pending += piece;
    if (!endsMidSentence(pending) || pending.length > MAX_MERGED_SENTENCE) {
      const out = held.trim();
      if (out !== "") yield out;
      held = pending;
      pending = "";
    }
  }
  const last = `${held}${pending}`.trim();
  if (held.trim() !== "" && pending.trim() !== "") {
    yield held.trim();
    yield pending.trim();
  } else if (last !== "") {
    yield last;
  }
}

/** All sentences of a paragraph (see sentenceIterator). */
export function sentences(paragraph: string, lang: string): string[] {
  return Array.from(sentenceIterator(paragraph, lang));
}
