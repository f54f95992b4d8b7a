import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BoilerplatePatterns } from "../config/boilerplate.js";
import { parseRawArticle } from "../src/api/articles/parse-raw-article.js";

/** Sends one API request; the loader uses the real HTTP API or the app in-process. */
export type ApiCall = (method: string, path: string, json: unknown) => Promise<Response>;

export interface SeedResult {
  file: string;
  status: number;
  id?: string;
  error?: string;
}

/**
 * Imports every `seeds/*.txt` (a raw article as the site publishes it) with its optional
 * `*.json` metadata (tags, externalId, url…) through `POST /api/articles`. The text is split and
 * cleaned by the API's own raw-article parser. Each seed has an externalId (from its metadata, or
 * `seed-<file name>`), so a second run finds every article and creates nothing.
 */
export async function importSeeds(
  dir: string,
  call: ApiCall,
  boilerplate: BoilerplatePatterns,
): Promise<SeedResult[]> {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".txt"))
    .sort();
  const results: SeedResult[] = [];
  for (const file of files) {
    const base = file.slice(0, -".txt".length);
    const { title, body } = parseRawArticle(readFileSync(join(dir, file), "utf8"), boilerplate);
    let metadata: Record<string, unknown> = {};
    try {
      metadata = JSON.parse(readFileSync(join(dir, `${base}.json`), "utf8")) as Record<string, unknown>;
    } catch {
      // no metadata file: defaults only
    }
    const response = await call("POST", "/api/articles", {
      externalId: `seed-${base}`,
      ...metadata,
      title,
      body,
    });
    const answer = (await response.json()) as { id?: string; error?: { message: string } };
    results.push({ file, status: response.status, id: answer.id, error: answer.error?.message });
  }
  return results;
}
