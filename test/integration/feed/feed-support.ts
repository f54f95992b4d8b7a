import { XMLParser, XMLValidator } from "fast-xml-parser";
import { newArticleInput } from "../../../seeds/seed-article.js";
import type { Json } from "../../support/api-harness.js";

/**
 * A real XML parser, not string matching: if the feed is not well-formed, or an escape is wrong,
 * the parsed values differ from what went in.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Keep "2024" a string and keep values as written (CDATA and entities decoded, nothing else).
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ["item", "category", "atom:link"].includes(name),
});

export function parseFeed(xml: string): { channel: Json; items: Json[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`feed is not well-formed XML: ${JSON.stringify(valid.err)}`);
  const doc = parser.parse(xml) as Json;
  if (doc.rss?.["@_version"] !== "2.0") throw new Error("not an RSS 2.0 document");
  const channel = doc.rss.channel;
  return { channel, items: channel.item ?? [] };
}

/** The text of an element that may carry attributes. */
export const text = (node: Json): string => (typeof node === "string" ? node : node?.["#text"]);

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/u;

/** Parses an RSS date strictly: RFC 822 form and a weekday that fits the date. */
export function rfc822(value: string): Date {
  const match = RFC_822.exec(value);
  if (match === null) throw new Error(`not an RFC 822 date: ${value}`);
  const date = new Date(Date.parse(value));
  if (WEEKDAYS[date.getUTCDay()] !== match[1]) throw new Error(`wrong weekday in ${value}`);
  return date;
}

/** A new article for the store; the shared fixture's defaults. */
export const article = newArticleInput;
