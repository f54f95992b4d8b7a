/**
 * Formatting throughput: articles per second through renderPreview (all five channels), for the
 * seed article and for a 20,000-character article. Prints figures; asserts nothing.
 * Run: `npx tsx bench/format.ts`; or import { main } from a runner.
 */
import { pathToFileURL } from "node:url";
import { seedArticle } from "../seeds/seed-article.js";
import type { Article } from "../src/domain/article.js";
import { renderPreview } from "../src/format/preview.js";

const DURATION_MS = 1_500;

/** The seed's paragraphs repeated until the body is 20,000 characters (footer kept at the end). */
function longArticle(seed: Article): Article {
  const [content = "", footer = ""] = seed.body.split(/(?=\n-{5,})/u);
  let body = content;
  while (body.length < 20_000) body += `\n\n${content.trim()}`;
  return { ...seed, id: "bench-20k", body: `${body.slice(0, 20_000)}${footer}` };
}

export interface FormatBenchResult {
  name: string;
  bodyChars: number;
  articlesPerSecond: number;
  msPerArticle: number;
}

function measure(name: string, article: Article, twitterThreadMax: number): FormatBenchResult {
  const options = { twitterThreadMax };
  for (let i = 0; i < 20; i += 1) renderPreview(article, options); // warm-up
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < DURATION_MS) {
    renderPreview(article, options);
    count += 1;
    elapsed = performance.now() - start;
  }
  return {
    name,
    bodyChars: article.body.length,
    articlesPerSecond: (count * 1000) / elapsed,
    msPerArticle: elapsed / count,
  };
}

export function benchFormat(): FormatBenchResult[] {
  const seed = seedArticle();
  const long = longArticle(seed);
  return [
    measure("seed article, single post", seed, 1),
    measure("seed article, thread of 5", seed, 5),
    measure("20,000-char article, single post", long, 1),
    measure("20,000-char article, thread of 5", long, 5),
    // The API's longest bodies in shapes that stress segmentation and X's length parser.
    measure("100k chars, no punctuation", { ...seed, body: "ال ".repeat(33_000) }, 3),
    measure("100k chars, no space at all", { ...seed, body: "ب".repeat(100_000) }, 3),
    measure("100k chars, only (..)", { ...seed, body: "(..) ".repeat(20_000) }, 3),
  ];
}

export function main(): FormatBenchResult[] {
  const results = benchFormat();
  console.log("format: renderPreview, all channels");
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(36)} body ${String(r.bodyChars).padStart(6)} chars  ` +
        `${r.articlesPerSecond.toFixed(0).padStart(6)} articles/s  ${r.msPerArticle.toFixed(2)} ms/article`,
    );
  }
  return results;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
