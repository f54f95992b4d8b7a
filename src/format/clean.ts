import { type BoilerplatePatterns, DEFAULT_BOILERPLATE } from "../../config/boilerplate.js";

/**
 * Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) plus
 * C1 controls: they break RSS readers and some platforms refuse them.
 */
// Built from a string: a regex literal with control characters trips the linter, rightly elsewhere.
const XML_ILLEGAL = new RegExp(
  "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]" +
    "|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]",
  "gu",
);

/**
 * Invisible junk that CMS copy-paste leaves behind: zero-width space, word joiner, BOM, soft
 * hyphen, and stray bidi embedding/override controls (which can flip whole posts). ZWJ/ZWNJ are
 * kept: ZWJ builds emoji sequences and ZWNJ is meaningful in Persian.
 */
const INVISIBLE_JUNK = /[\u200B\u2060\uFEFF\u00AD\u202A-\u202E\u2066-\u2069]/gu;

/** Unicode spaces (NBSP, en/em spaces, ideographic space…) that should read as a plain space. */
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\f\v]/gu;

/** Text with only characters safe for XML and posts, in NFC, with normalised spaces and newlines. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?|\u2028|\u2029|\u0085/gu, "\n")
    .replace(XML_ILLEGAL, "")
    .replace(INVISIBLE_JUNK, "")
    .replace(ODD_SPACES, " ");
}

/** A single-line value (title, tag, author): normalised, inner whitespace collapsed, trimmed. */
export function cleanLine(text: string): string {
  return normalizeText(text).replace(/\s+/gu, " ").trim();
}

/** Removes the site's footer: from a separator near the end, and known trailing lines. */
export function stripBoilerplate(text: string, patterns: BoilerplatePatterns = DEFAULT_BOILERPLATE): string {
  const lines = text.split("\n");
  const nonEmptyIndexes = lines.flatMap((line, index) => (line.trim() === "" ? [] : [index]));
  const tail = nonEmptyIndexes.slice(-patterns.footerMaxLines);
  const separatorAt = tail.find((index) => patterns.footerSeparator.test(lines[index] ?? ""));
  let kept = separatorAt === undefined ? lines : lines.slice(0, separatorAt);
  // Trailing boilerplate lines without a separator, dropped from the end one at a time.
  for (;;) {
    while (kept.length > 0 && (kept.at(-1) ?? "").trim() === "") kept = kept.slice(0, -1);
    const last = kept.at(-1);
    if (last === undefined || !patterns.trailingLines.some((pattern) => pattern.test(last))) break;
    kept = kept.slice(0, -1);
  }
  return kept.join("\n");
}

/**
 * Paragraphs of an article body: normalised, footer stripped, each paragraph's inner whitespace
 * collapsed. Paragraphs are separated by blank lines; a single newline inside one becomes a space
 * unless the paragraph is a list or verse (kept as lines).
 */
export function cleanParagraphs(body: string, patterns: BoilerplatePatterns = DEFAULT_BOILERPLATE): string[] {
  const text = stripBoilerplate(normalizeText(body), patterns);
  return text
    .split(/\n[ ]*\n+/u)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map((line) => line.replace(/ +/gu, " ").trim())
        .filter((line) => line !== "")
        .join("\n"),
    )
    .filter((paragraph) => paragraph !== "" && !patterns.footerSeparator.test(paragraph));
}

/** A clean body: paragraphs joined by one blank line. */
export function cleanBody(body: string, patterns: BoilerplatePatterns = DEFAULT_BOILERPLATE): string {
  return cleanParagraphs(body, patterns).join("\n\n");
}
