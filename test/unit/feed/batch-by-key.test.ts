import { describe, expect, it } from "vitest";
import { batchByKey } from "../../../src/feed/batch-by-key.js";
import { acceptsGzip } from "../../../src/feed/routes.js";

/** A run whose completion the test controls, recording the value "in Redis" when it started. */
function controlledRuns() {
  let value = 0;
  const pending: (() => void)[] = [];
  let started = 0;
  const run = async (_key: string) => {
    started++;
    const seen = value;
    await new Promise<void>((resolve) => pending.push(resolve));
    return seen;
  };
  return {
    run,
    write: (next: number) => {
      value = next;
    },
    finishOne: async () => {
      pending.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    started: () => started,
  };
}

describe("batchByKey", () => {
  it("never answers a caller with a run that started before it arrived, and batches the rest", async () => {
    const runs = controlledRuns();
    const check = batchByKey(runs.run);
    const first = check("feed");
    runs.write(1); // a correction lands while the first read is in flight
    const second = check("feed");
    const third = check("feed");
    expect(runs.started()).toBe(1);
    await runs.finishOne();
    expect(await first).toBe(0);
    expect(runs.started()).toBe(2);
    await runs.finishOne();
    expect(await second).toBe(1);
    expect(await third).toBe(1);
    expect(runs.started()).toBe(2);
  });

  it("keeps keys apart and starts afresh once idle", async () => {
    const runs = controlledRuns();
    const check = batchByKey(runs.run);
    const a = check("a");
    const b = check("b");
    expect(runs.started()).toBe(2);
    await runs.finishOne();
    await runs.finishOne();
    await Promise.all([a, b]);
    const again = check("a");
    expect(runs.started()).toBe(3);
    await runs.finishOne();
    await again;
  });

  it("passes a failure to the callers of that run only", async () => {
    let calls = 0;
    let release: () => void = () => {};
    const check = batchByKey(async () => {
      calls++;
      if (calls === 1) {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        throw new Error("redis down");
      }
      return "ok";
    });
    const failing = check("k");
    const waiting = check("k");
    release();
    await expect(failing).rejects.toThrow("redis down");
    await expect(waiting).resolves.toBe("ok");
  });
});

describe("acceptsGzip", () => {
  it.each([
    [undefined, false],
    ["gzip", true],
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["gzip;q=0", false],
    ["identity", false],
    ["x-gzip", true],
    ["deflate", false],
  ])("%s → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
