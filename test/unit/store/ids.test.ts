import { describe, expect, it } from "vitest";
import { isArticleId, newArticleId } from "../../../src/store/ids.js";

describe("article ids", () => {
  it("are 19 URL-safe characters", () => {
    for (let index = 0; index < 1000; index++) {
      const id = newArticleId();
      expect(isArticleId(id)).toBe(true);
    }
  });

  it("sort by creation, even many in one millisecond", () => {
    const ids = Array.from({ length: 5000 }, () => newArticleId(1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sort across milliseconds", () => {
    const a = newArticleId(1_800_000_000_000);
    const b = newArticleId(1_800_000_000_001);
    expect(a < b).toBe(true);
  });
});
