import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../../support/api-harness.js";

let h: ApiHarness;
let articleId: string;
beforeAll(async () => {
  h = await createApiHarness("no500");
  articleId = (await (await h.call("POST", "/api/articles", { json: { title: "t", body: "b" } })).json()).id;
});
afterAll(async () => {
  await h.close();
});

/** Values a confused or hostile client might send, field by field. */
const anyValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 25 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.webUrl(),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);
const fieldNames = fc.constantFrom(
  "title",
  "body",
  "url",
  "summary",
  "tags",
  "imageUrl",
  "lang",
  "author",
  "externalId",
  "channels",
  "at",
  "__proto__",
  "constructor",
);
const body = fc.oneof(fc.dictionary(fieldNames, anyValue, { maxKeys: 6 }), fc.jsonValue());
const RUNS = 60;

/** Every answer is a contract status with the error shape (public HTML pages: an HTML 404); never a 5xx. */
async function expectNo5xx(response: Response) {
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400 && (response.headers.get("content-type") ?? "").includes("json")) {
    const json = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof json.error?.code).toBe("string");
    expect(typeof json.error?.message).toBe("string");
  }
}

describe("no input makes the server answer 500", () => {
  it("POST /api/articles with arbitrary JSON", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        await expectNo5xx((await h.call("POST", "/api/articles", { json: value })) as unknown as Response);
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /api/articles with arbitrary text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 400 }), async (text) => {
        await expectNo5xx(
          (await h.call("POST", "/api/articles", { body: text, type: "text/plain" })) as unknown as Response,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("PATCH and publish with arbitrary JSON", async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom("PATCH", "POST"), async (value, method) => {
        const path = method === "PATCH" ? `/api/articles/${articleId}` : `/api/articles/${articleId}/publish`;
        await expectNo5xx((await h.call(method, path, { json: value })) as unknown as Response);
      }),
      { numRuns: RUNS },
    );
  });

  it("arbitrary paths and query strings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), async (segment, query) => {
        const path = `/api/articles/${encodeURIComponent(segment)}?${encodeURIComponent(query)}=${encodeURIComponent(segment)}`;
        await expectNo5xx((await h.call("GET", path)) as unknown as Response);
        await expectNo5xx(
          (await h.call(
            "GET",
            `/api/articles?limit=${encodeURIComponent(query)}&cursor=${encodeURIComponent(segment)}`,
          )) as unknown as Response,
        );
        await expectNo5xx(
          (await h.call("GET", `/feed.xml?tag=${encodeURIComponent(segment)}`, {
            token: null,
          })) as unknown as Response,
        );
        await expectNo5xx(
          (await h.call("GET", `/articles/${encodeURIComponent(segment)}`, {
            token: null,
          })) as unknown as Response,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
