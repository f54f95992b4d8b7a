import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startService } from "../support/service-process.js";

const dir = mkdtempSync(join(tmpdir(), "sada-seed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runSeed(): Promise<string> {
  // PORT 1 never answers, so the loader takes its in-process path on an embedded Redis in DATA_DIR.
  const seed = startService(["seeds/load.ts"], {
    DATA_DIR: dir,
    PORT: "1",
    API_TOKENS: "seed:seed-token-0123456789abcd",
  });
  expect(await seed.exited(30_000)).toBe(0);
  return seed.output();
}

describe("npm run seed", () => {
  it("imports the seed article once; a second run creates nothing", async () => {
    const first = await runSeed();
    expect(first).toMatch(/000_c471aba50a9e6e65\.txt: created → \/api\/articles\/[0-9a-z]{19}/);
    const second = await runSeed();
    expect(second).toMatch(/000_c471aba50a9e6e65\.txt: already there/);
    const idOf = (output: string) => /\/api\/articles\/([0-9a-z]{19})/.exec(output)?.[1];
    expect(idOf(second)).toBe(idOf(first));
  });
});
