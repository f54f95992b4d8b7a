import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BOILERPLATE } from "../../../config/boilerplate.js";
import { importSeeds } from "../../../seeds/import-seeds.js";
import { type ApiHarness, createApiHarness } from "../../support/api-harness.js";

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));
let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness("seed");
});
afterAll(async () => {
  await h.close();
});

describe("seed import through the API", () => {
  it("creates the seed article with its metadata, then finds it again", async () => {
    const call = (method: string, path: string, json: unknown) =>
      h.call(method, path, { json }) as Promise<Response>;
    const [first] = await importSeeds(SEEDS, call, DEFAULT_BOILERPLATE);
    expect(first?.status).toBe(201);
    const article = await (await h.call("GET", `/api/articles/${first?.id}`)).json();
    expect(article).toMatchObject({
      title: "التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية",
      lang: "ar",
      externalId: "seed-000_c471aba50a9e6e65",
      tags: ["قوات سوريا الديمقراطية", "داعش", "التحالف الدولي"],
    });
    expect(article.body).not.toContain("تابعنا");
    const [second] = await importSeeds(SEEDS, call, DEFAULT_BOILERPLATE);
    expect(second).toMatchObject({ status: 200, id: first?.id });
  });
});
