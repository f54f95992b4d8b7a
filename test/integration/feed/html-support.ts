/** Minimal HTML reading for tests: hono/jsx writes attributes as name="value" with these escapes. */
const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};
export const decode = (value: string) => value.replace(/&(?:amp|lt|gt|quot|#39);/gu, (e) => ENTITIES[e] ?? e);

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z:-]+)="([^"]*)"/gu)) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined) result[name] = decode(value);
  }
  return result;
}

/** Every `<meta>` with a `property` or `name`, as [key, content] pairs in document order. */
export function metaTags(html: string): [string, string][] {
  return [...html.matchAll(/<meta\s[^>]*>/gu)].flatMap(([tag]) => {
    const attrs = attributes(tag);
    const key = attrs.property ?? attrs.name;
    return key === undefined || attrs.content === undefined ? [] : [[key, attrs.content] as [string, string]];
  });
}

export const meta = (html: string, key: string) => metaTags(html).find(([k]) => k === key)?.[1];

/** The attributes of the first tag matching, e.g. `link rel="canonical"`. */
export function firstTag(html: string, name: string, where: (attrs: Record<string, string>) => boolean) {
  for (const [tag] of html.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>`, "gu"))) {
    const attrs = attributes(tag);
    if (where(attrs)) return attrs;
  }
  return undefined;
}

/** The decoded text of the first element's content (no nested tags expected). */
export function elementText(html: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`, "u").exec(html);
  return match?.[1] === undefined ? undefined : decode(match[1]);
}
