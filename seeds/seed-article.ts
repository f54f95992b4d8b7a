/** The seed article as an Article value, and small article builders, for tests and benches. */
import { readFileSync } from "node:fs";
import type { Article } from "../src/domain/article.js";
import type { NewArticle } from "../src/store/article-store.js";

/** Builds an Article from raw site text: first non-empty line = title, the rest = body. */
export function articleFromRaw(raw: string, overrides: Partial<Article> = {}): Article {
  const lines = raw.split("\n");
  const titleAt = lines.findIndex((line) => line.trim() !== "");
  return {
    id: "seed-000",
    title: lines[titleAt] ?? "",
    body: lines.slice(titleAt + 1).join("\n"),
    url: "https://example.org/2023/alliance",
    summary: null,
    tags: ["قوات سوريا الديمقراطية", "داعش", "التحالف الدولي"],
    imageUrl: null,
    lang: "ar",
    author: null,
    externalId: null,
    createdAt: "2023-01-01T00:00:00.000Z",
    updatedAt: "2023-01-01T00:00:00.000Z",
    ...overrides,
  };
}

export const SEED_RAW = readFileSync(new URL("./000_c471aba50a9e6e65.txt", import.meta.url), "utf8");

export function seedArticle(overrides: Partial<Article> = {}): Article {
  return articleFromRaw(SEED_RAW, overrides);
}

/** Minimal article for table and property tests. */
export function article(fields: Partial<Article>): Article {
  return {
    id: "a1",
    title: "Title",
    body: "Body.",
    url: "https://example.org/a1",
    summary: null,
    tags: [],
    imageUrl: null,
    lang: "en",
    author: null,
    externalId: null,
    createdAt: "2023-01-01T00:00:00.000Z",
    updatedAt: "2023-01-01T00:00:00.000Z",
    ...fields,
  };
}

/** What the article store takes, with defaults for every optional field. */
export function newArticleInput(overrides: Partial<NewArticle> = {}): NewArticle {
  return {
    title: "عنوان المقال",
    body: "الفقرة الأولى من المقال.\n\nالفقرة الثانية من المقال.",
    url: null,
    summary: null,
    tags: [],
    imageUrl: null,
    lang: "ar",
    author: null,
    externalId: null,
    ...overrides,
  };
}
