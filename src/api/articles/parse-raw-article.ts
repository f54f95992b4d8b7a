import type { BoilerplatePatterns } from "../../../config/boilerplate.js";
import { cleanBody, normalizeText } from "../../format/clean.js";

/**
 * A raw article as the site publishes it (`Content-Type: text/plain`): the first non-empty line
 * is the title, the rest the body, with the site's footer stripped by the formatter's own cleaner.
 * Returns raw strings; the create schema validates and normalises them like any JSON article.
 */
export function parseRawArticle(
  text: string,
  boilerplate: BoilerplatePatterns,
): { title: string; body: string } {
  const lines = normalizeText(text).split("\n");
  const titleIndex = lines.findIndex((line) => line.trim() !== "");
  if (titleIndex === -1) return { title: "", body: "" };
  const title = (lines[titleIndex] ?? "").trim();
  const body = cleanBody(lines.slice(titleIndex + 1).join("\n"), boilerplate);
  return { title, body };
}
