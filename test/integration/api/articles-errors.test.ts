import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ApiHarness, createApiHarness } from "../../support/api-harness.js";

let h: ApiHarness;
let existingId: string;
beforeAll(async () => {
  h = await createApiHarness("errors");
  const created = await h.call("POST", "/api/articles", {
    json: { title: "t", body: "b", externalId: "taken" },
  });
  existingId = (await created.json()).id;
  await h.call("POST", "/api/articles", { json: { title: "t2", body: "b2", externalId: "other" } });
});
afterAll(async () => {
  await h.close();
});

type Case = [
  name: string,
  method: string,
  path: string,
  init: { json?: unknown; body?: string | Uint8Array; type?: string; headers?: Record<string, string> },
  status: number,
  code: string,
];

const valid = { title: "Title", body: "Body" };
const long = (n: number) => "x".repeat(n);

/** Malformed requests: each must get its contract status and error code, never a 500. */
const CASES: Case[] = [
  [
    "no content type",
    "POST",
    "/api/articles",
    { body: '{"title":"a","body":"b"}' },
    415,
    "unsupported_media_type",
  ],
  [
    "xml content type",
    "POST",
    "/api/articles",
    { body: "<a/>", type: "application/xml" },
    415,
    "unsupported_media_type",
  ],
  [
    "form content type",
    "POST",
    "/api/articles",
    { body: "title=a", type: "application/x-www-form-urlencoded" },
    415,
    "unsupported_media_type",
  ],
  [
    "multipart",
    "POST",
    "/api/articles",
    { body: "--x--", type: "multipart/form-data; boundary=x" },
    415,
    "unsupported_media_type",
  ],
  [
    "broken json",
    "POST",
    "/api/articles",
    { body: '{"title":', type: "application/json" },
    400,
    "malformed_json",
  ],
  ["empty json body", "POST", "/api/articles", { body: "", type: "application/json" }, 400, "empty_body"],
  [
    "json trailing garbage",
    "POST",
    "/api/articles",
    { body: '{"title":"a"} x', type: "application/json" },
    400,
    "malformed_json",
  ],
  [
    "json with bom only",
    "POST",
    "/api/articles",
    { body: "\uFEFF", type: "application/json" },
    400,
    "empty_body",
  ],
  ["json array", "POST", "/api/articles", { json: [valid] }, 422, "invalid_fields"],
  ["json string", "POST", "/api/articles", { json: "hello" }, 422, "invalid_fields"],
  ["json null", "POST", "/api/articles", { json: null }, 422, "invalid_fields"],
  ["json number", "POST", "/api/articles", { json: 42 }, 422, "invalid_fields"],
  ["missing title", "POST", "/api/articles", { json: { body: "b" } }, 422, "invalid_fields"],
  ["missing body", "POST", "/api/articles", { json: { title: "t" } }, 422, "invalid_fields"],
  ["blank title", "POST", "/api/articles", { json: { title: "   ", body: "b" } }, 422, "invalid_fields"],
  ["blank body", "POST", "/api/articles", { json: { title: "t", body: "\n\n " } }, 422, "invalid_fields"],
  [
    "title 301 chars",
    "POST",
    "/api/articles",
    { json: { title: long(301), body: "b" } },
    422,
    "invalid_fields",
  ],
  [
    "body over 100k",
    "POST",
    "/api/articles",
    { json: { title: "t", body: long(100_001) } },
    422,
    "invalid_fields",
  ],
  ["title a number", "POST", "/api/articles", { json: { title: 5, body: "b" } }, 422, "invalid_fields"],
  [
    "body an object",
    "POST",
    "/api/articles",
    { json: { title: "t", body: { a: 1 } } },
    422,
    "invalid_fields",
  ],
  ["relative url", "POST", "/api/articles", { json: { ...valid, url: "/x" } }, 422, "invalid_fields"],
  [
    "javascript url",
    "POST",
    "/api/articles",
    { json: { ...valid, url: "javascript:alert(1)" } },
    422,
    "invalid_fields",
  ],
  ["ftp url", "POST", "/api/articles", { json: { ...valid, url: "ftp://a.b/c" } }, 422, "invalid_fields"],
  [
    "image data url",
    "POST",
    "/api/articles",
    { json: { ...valid, imageUrl: "data:image/png;base64,AA" } },
    422,
    "invalid_fields",
  ],
  ["tags a string", "POST", "/api/articles", { json: { ...valid, tags: "a,b" } }, 422, "invalid_fields"],
  [
    "21 tags",
    "POST",
    "/api/articles",
    { json: { ...valid, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } },
    422,
    "invalid_fields",
  ],
  ["empty tag", "POST", "/api/articles", { json: { ...valid, tags: [""] } }, 422, "invalid_fields"],
  ["tag 61 chars", "POST", "/api/articles", { json: { ...valid, tags: [long(61)] } }, 422, "invalid_fields"],
  ["tag a number", "POST", "/api/articles", { json: { ...valid, tags: [1] } }, 422, "invalid_fields"],
  [
    "bad lang",
    "POST",
    "/api/articles",
    { json: { ...valid, lang: "not a language!" } },
    422,
    "invalid_fields",
  ],
  ["lang a number", "POST", "/api/articles", { json: { ...valid, lang: 7 } }, 422, "invalid_fields"],
  [
    "externalId 201",
    "POST",
    "/api/articles",
    { json: { ...valid, externalId: long(201) } },
    422,
    "invalid_fields",
  ],
  [
    "externalId empty",
    "POST",
    "/api/articles",
    { json: { ...valid, externalId: "" } },
    422,
    "invalid_fields",
  ],
  ["unknown field", "POST", "/api/articles", { json: { ...valid, titel: "typo" } }, 422, "invalid_fields"],
  ["summary empty", "POST", "/api/articles", { json: { ...valid, summary: " " } }, 422, "invalid_fields"],
  ["author null", "POST", "/api/articles", { json: { ...valid, author: null } }, 422, "invalid_fields"],
  ["raw text empty", "POST", "/api/articles", { body: "\n \n", type: "text/plain" }, 422, "invalid_fields"],
  [
    "raw text title only",
    "POST",
    "/api/articles",
    { body: "Just a title\n", type: "text/plain" },
    422,
    "invalid_fields",
  ],
  [
    "invalid utf-8 text",
    "POST",
    "/api/articles",
    { body: new Uint8Array([0x54, 0x0a, 0xff, 0xfe]), type: "text/plain" },
    400,
    "invalid_encoding",
  ],
  [
    "invalid utf-8 json",
    "POST",
    "/api/articles",
    { body: new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), type: "application/json" },
    400,
    "invalid_encoding",
  ],
  [
    "body over 1 MiB",
    "POST",
    "/api/articles",
    { json: { title: "t", body: long(1024 * 1024 + 10) } },
    413,
    "payload_too_large",
  ],
  ["limit zero", "GET", "/api/articles?limit=0", {}, 400, "invalid_query"],
  ["limit huge", "GET", "/api/articles?limit=1000", {}, 400, "invalid_query"],
  ["limit words", "GET", "/api/articles?limit=ten", {}, 400, "invalid_query"],
  ["cursor garbage", "GET", "/api/articles?cursor=%00%FF", {}, 400, "invalid_query"],
  ["unknown query", "GET", "/api/articles?sort=asc", {}, 400, "invalid_query"],
  ["unknown id", "GET", "/api/articles/0000000000000000000", {}, 404, "not_found"],
  ["weird id", "GET", "/api/articles/..%2F..%2Fetc", {}, 404, "not_found"],
  ["very long id", "GET", `/api/articles/${long(5000)}`, {}, 404, "not_found"],
  [
    "patch unknown id",
    "PATCH",
    "/api/articles/0000000000000000000",
    { json: { title: "x" } },
    404,
    "not_found",
  ],
  ["delete unknown id", "DELETE", "/api/articles/zzzzzzzzzzzzzzzzzzz", {}, 404, "not_found"],
  ["unknown route", "GET", "/api/nothing-here", {}, 404, "not_found"],
  ["wrong method", "PUT", "/api/articles", { json: valid }, 404, "not_found"],
];

const PATCH_CASES: [string, { json?: unknown; body?: string | Uint8Array; type?: string }, number, string][] =
  [
    ["patch title null", { json: { title: null } }, 422, "invalid_fields"],
    ["patch body null", { json: { body: null } }, 422, "invalid_fields"],
    ["patch unknown field", { json: { id: "x" } }, 422, "invalid_fields"],
    ["patch text/plain", { body: "hello", type: "text/plain" }, 415, "unsupported_media_type"],
    ["patch broken json", { body: "{", type: "application/json" }, 400, "malformed_json"],
    ["patch taken externalId", { json: { externalId: "other" } }, 409, "external_id_taken"],
    ["patch bad url", { json: { url: "not a url" } }, 422, "invalid_fields"],
  ];

describe("articles: malformed requests", () => {
  it("covers at least 40 cases", () => {
    expect(CASES.length + PATCH_CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)("%s → %i", async (_name, method, path, init, status, code) => {
    const response = await h.call(method, path, init);
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe("string");
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it.each(PATCH_CASES)("%s → %i", async (_name, init, status, code) => {
    const response = await h.call("PATCH", `/api/articles/${existingId}`, init);
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  it("names every invalid field in details", async () => {
    const response = await h.call("POST", "/api/articles", {
      json: { title: "", body: "", tags: "x", lang: "??" },
    });
    const body = await response.json();
    expect(body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual([
      "body",
      "lang",
      "tags",
      "title",
    ]);
  });

  it("leaves a refused article unstored", async () => {
    const before = await (await h.call("GET", "/api/articles?limit=100")).json();
    await h.call("POST", "/api/articles", { json: { title: "", body: "x" } });
    const after = await (await h.call("GET", "/api/articles?limit=100")).json();
    expect(after.items.length).toBe(before.items.length);
  });
});

describe("articles: Redis down", () => {
  it("answers 503 with the error shape while Redis is unreachable, and recovers", async () => {
    const own = await createApiHarness("down");
    try {
      own.redis.disconnect();
      const response = await own.call("POST", "/api/articles", { json: valid });
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe("storage_unavailable");
      const health = await own.call("GET", "/healthz", { token: null });
      expect(health.status).toBe(503);
      expect((await health.json()).redis).toBe("down");
      await vi.waitFor(() => expect(own.redis.status).toBe("end"), { timeout: 2000 });
      await own.redis.connect();
      expect((await own.call("POST", "/api/articles", { json: valid })).status).toBe(201);
    } finally {
      await own.close();
    }
  });
});

describe("validation messages", () => {
  it("says a field has the wrong type rather than that it is missing", async () => {
    const response = await h.call("POST", "/api/articles", { json: { title: 5, body: "b", tags: [1] } });
    const { error } = await response.json();
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: "title", message: "must be string" },
        { path: "tags.0", message: "must be string" },
      ]),
    );
  });
});
