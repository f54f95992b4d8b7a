/**
 * Telegram Bot API "HTML" parse mode: escaping and a strict checker.
 *
 * Source: https://core.telegram.org/bots/api#html-style and tdlib's parser
 * (td/telegram/MessageEntity.cpp, parse_html), summarised in docs/platforms.md. Stricter than
 * Telegram on purpose: Telegram tolerates a raw `>` or an unknown `&name;`, but a message that
 * passes here is accepted there, and the sandbox stand-in refuses whatever this refuses.
 */

/** Tags Telegram's HTML mode knows; everything else is refused ("Unsupported start tag"). */
const SUPPORTED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "tg-spoiler",
  "span",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);

/** The only named entities Telegram decodes (Bot API docs, "HTML style"). */
const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Escapes text for Telegram HTML; `"` too, so the result is also safe inside a quoted attribute. */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/[&<>"]/gu, (char) => {
    switch (char) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      default:
        return "&quot;";
    }
  });
}

export type TelegramHtmlCheck =
  | { ok: true; plainText: string; plainLength: number }
  | { ok: false; error: string };

/** Telegram's error prefix for every parse failure (HTTP 400). */
const PREFIX = "Bad Request: can't parse entities: ";

class ParseError extends Error {}

interface OpenTag {
  name: string;
  /** Index in the source, for the error message of an unclosed tag. */
  at: number;
}

/**
 * Parses `text` as Telegram HTML. On success returns the text as Telegram would display it and
 * its length in UTF-16 code units (what the 4096 / 1024 limits count). On failure returns an
 * error worded like Telegram's, with UTF-8 byte offsets like Telegram's.
 */
export function checkTelegramHtml(text: string): TelegramHtmlCheck {
  try {
    const plainText = parse(text);
    return { ok: true, plainText, plainLength: plainText.length };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: PREFIX + error.message };
    throw error;
  }
}

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}

function fail(text: string, index: number, message: string): never {
  throw new ParseError(`${message} at byte offset ${byteOffset(text, index)}`);
}

const ENTITY = /&(?:([a-zA-Z]+)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7}));/y;

/** Decodes the entity starting at `index`; returns the decoded text and the index after it. */
function readEntity(text: string, index: number): [string, number] {
  ENTITY.lastIndex = index;
  const match = ENTITY.exec(text);
  if (match === null) fail(text, index, 'Character "&" must be escaped as "&amp;"');
  const [whole, name, decimal, hex] = match;
  let decoded: string | undefined;
  if (name !== undefined) {
    decoded = NAMED_ENTITIES[name];
    if (decoded === undefined) fail(text, index, `Unsupported HTML entity "&${name};"`);
  } else {
    const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? "", 16);
    const isValid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    if (!isValid) fail(text, index, `Invalid HTML entity "${whole}"`);
    decoded = String.fromCodePoint(codePoint);
  }
  return [decoded, index + whole.length];
}

const NAME = /[a-zA-Z0-9_-]*/y;
const SPACE = /[ \t\n\r]*/y;

function readWhile(pattern: RegExp, text: string, index: number): string {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0] ?? "";
}

/** Reads a start tag's attributes up to and including `>`; returns them and the index after. */
function readAttributes(text: string, index: number, tag: string): [Map<string, string>, number] {
  const attributes = new Map<string, string>();
  let i = index;
  for (;;) {
    i += readWhile(SPACE, text, i).length;
    const char = text[i];
    if (char === undefined) fail(text, i, `Unclosed start tag "${tag}"`);
    if (char === ">") return [attributes, i + 1];
    const name = readWhile(NAME, text, i).toLowerCase();
    if (name === "") fail(text, i, `Unexpected character in the start tag "${tag}"`);
    i += name.length;
    i += readWhile(SPACE, text, i).length;
    if (text[i] !== "=") {
      attributes.set(name, "");
      continue;
    }
    i += 1;
    i += readWhile(SPACE, text, i).length;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") {
      fail(text, i, `Expected quoted value of the attribute "${name}" of the tag "${tag}"`);
    }
    i += 1;
    let value = "";
    for (;;) {
      const c = text[i];
      if (c === undefined) fail(text, i, `Unclosed start tag "${tag}"`);
      if (c === quote) break;
      if (c === "<" || c === ">") fail(text, i, `Character "${c}" must be escaped in attribute "${name}"`);
      if (c === "&") {
        const [decoded, next] = readEntity(text, i);
        value += decoded;
        i = next;
      } else {
        value += c;
        i += 1;
      }
    }
    attributes.set(name, value);
    i += 1;
  }
}

/** The attributes each tag may carry (Bot API docs); anything else is refused. */
function checkAttributes(
  text: string,
  at: number,
  tag: string,
  attributes: Map<string, string>,
  parent: string | undefined,
): void {
  const allowed: Record<string, readonly string[]> = {
    a: ["href"],
    span: ["class"],
    blockquote: ["expandable"],
    "tg-emoji": ["emoji-id"],
    // <pre><code class="language-x"> selects the code block's language.
    code: parent === "pre" ? ["class"] : [],
  };
  const names = allowed[tag] ?? [];
  for (const name of attributes.keys()) {
    if (!names.includes(name)) fail(text, at, `Unsupported attribute "${name}" in the tag "${tag}"`);
  }
  if (tag === "span" && attributes.get("class") !== "tg-spoiler") {
    fail(text, at, 'Tag "span" must have class "tg-spoiler"');
  }
  if (tag === "tg-emoji" && !/^[0-9]+$/u.test(attributes.get("emoji-id") ?? "")) {
    fail(text, at, 'Tag "tg-emoji" must have attribute "emoji-id"');
  }
  if (tag === "code" && attributes.has("class") && !(attributes.get("class") ?? "").startsWith("language-")) {
    fail(text, at, 'Unsupported class of the tag "code"');
  }
}

function parse(text: string): string {
  const stack: OpenTag[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === "&") {
      const [decoded, next] = readEntity(text, i);
      plain += decoded;
      i = next;
    } else if (char === ">") {
      fail(text, i, 'Character ">" must be escaped as "&gt;"');
    } else if (char === "<") {
      i = text[i + 1] === "/" ? readEndTag(text, i, stack) : readStartTag(text, i, stack);
    } else {
      // Copy the run of ordinary characters in one go.
      let end = i + 1;
      while (end < text.length && !"&<>".includes(text[end] ?? "")) end += 1;
      plain += text.slice(i, end);
      i = end;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    throw new ParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  return plain;
}

function readStartTag(text: string, at: number, stack: OpenTag[]): number {
  const name = readWhile(NAME, text, at + 1).toLowerCase();
  if (name === "") fail(text, at, "Unexpected end of name token");
  if (!SUPPORTED_TAGS.has(name)) fail(text, at, `Unsupported start tag "${name}"`);
  const parent = stack.at(-1)?.name;
  // Bot API: pre and code cannot contain other entities, except <code> directly inside <pre>.
  if ((parent === "code" || parent === "pre") && !(parent === "pre" && name === "code")) {
    fail(text, at, `Tag "${name}" can't be nested inside "${parent}"`);
  }
  if (name === "blockquote" && stack.some((open) => open.name === "blockquote")) {
    fail(text, at, 'Tag "blockquote" can\'t be nested inside "blockquote"');
  }
  const [attributes, next] = readAttributes(text, at + 1 + name.length, name);
  checkAttributes(text, at, name, attributes, parent);
  stack.push({ name, at });
  return next;
}

function readEndTag(text: string, at: number, stack: OpenTag[]): number {
  const name = readWhile(NAME, text, at + 2).toLowerCase();
  let i = at + 2 + name.length;
  i += readWhile(SPACE, text, i).length;
  if (text[i] !== ">") fail(text, at, "Unclosed end tag");
  const open = stack.pop();
  if (open === undefined) fail(text, at, "Unexpected end tag");
  if (open.name !== name) {
    fail(text, at, `Unmatched end tag, expected "</${open.name}>", found "</${name}>"`);
  }
  return i + 1;
}
