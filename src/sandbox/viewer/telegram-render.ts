/**
 * Renders Telegram HTML (parse_mode HTML) for a browser, safely: only the tags Telegram knows
 * (platforms.md, "HTML parse mode") become markup, with their attributes rebuilt from an allow
 * list; every other `<`, `>` and `&` is escaped. Stored posts were checked at send time, but this
 * never trusts that: whatever the input, the output holds no tag or attribute outside the list.
 */

const SIMPLE_TAGS: Readonly<Record<string, string>> = {
  b: "b",
  strong: "strong",
  i: "i",
  em: "em",
  u: "u",
  ins: "ins",
  s: "s",
  strike: "s",
  del: "del",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
};

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => `&#${char.charCodeAt(0)};`);
}

/** Decodes the entities Telegram decodes (the four named ones and numeric ones). */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-z]+));/gu, (whole, dec, hex, name) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number(dec) : Number.parseInt(String(hex), 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[String(name)] ?? whole;
  });
}

function attributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of source.matchAll(/([A-Za-z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gu)) {
    const [, name, double, single, bare] = match;
    if (name === undefined) continue;
    found.set(name.toLowerCase(), decodeEntities(double ?? single ?? bare ?? ""));
  }
  return found;
}

const SAFE_HREF = /^(?:https?:|tg:|mailto:)/iu;

/** The opening markup for an allowed tag, or undefined when the tag is not allowed. */
function openTag(name: string, attributeSource: string): { html: string; close: string } | undefined {
  const simple = SIMPLE_TAGS[name];
  const attrs = attributes(attributeSource);
  if (simple !== undefined) {
    if (name === "blockquote" && attrs.has("expandable"))
      return { html: '<blockquote class="expandable">', close: "</blockquote>" };
    const language =
      name === "code" ? /^language-([\w+-]+)$/u.exec(attrs.get("class") ?? "")?.[1] : undefined;
    const classAttr = language === undefined ? "" : ` class="language-${escapeHtml(language)}"`;
    return { html: `<${simple}${classAttr}>`, close: `</${simple}>` };
  }
  if (name === "tg-spoiler" || (name === "span" && attrs.get("class") === "tg-spoiler")) {
    return { html: '<span class="spoiler">', close: "</span>" };
  }
  if (name === "tg-emoji") return { html: "<span>", close: "</span>" };
  if (name === "a") {
    const href = attrs.get("href") ?? "";
    if (!SAFE_HREF.test(href)) return { html: "<span>", close: "</span>" };
    return {
      html: `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow" target="_blank">`,
      close: "</a>",
    };
  }
  return undefined;
}

export function renderTelegramHtml(source: string): string {
  const out: string[] = [];
  const open: { name: string; close: string }[] = [];
  const tag = /<(\/?)([A-Za-z][\w-]*)([^<>]*)>/gu;
  let last = 0;
  for (const match of source.matchAll(tag)) {
    const [whole, slash, rawName = "", rest = ""] = match;
    out.push(escapeHtml(decodeEntities(source.slice(last, match.index))));
    last = match.index + whole.length;
    const name = rawName.toLowerCase();
    if (slash === "/") {
      const top = open[open.length - 1];
      if (top !== undefined && top.name === name) {
        open.pop();
        out.push(top.close);
      } else {
        out.push(escapeHtml(whole));
      }
      continue;
    }
    const opened = openTag(name, rest);
    if (opened === undefined) {
      out.push(escapeHtml(whole));
    } else {
      open.push({ name, close: opened.close });
      out.push(opened.html);
    }
  }
  out.push(escapeHtml(decodeEntities(source.slice(last))));
  for (const entry of open.reverse()) out.push(entry.close);
  return out.join("");
}
