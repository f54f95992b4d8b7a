import { describe, expect, it } from "vitest";
import * as transition from "../../../src/publishing/transitions.js";
import type { DeliveryRecord } from "../../../src/store/delivery-store.js";

const now = new Date("2026-11-29T10:00:00.000Z");
const base = {
  articleId: "0000000000000000001",
  channel: "telegram" as const,
  attempts: 1,
  generation: 2,
  updatedAt: now.toISOString(),
};
const error = { code: "interrupted", message: "m", retryable: true };

describe("delivery transitions", () => {
  it("publishing leaves active, posted and unknown deliveries alone, re-opens failed and cancelled ones", () => {
    const target = { articleId: base.articleId, channel: base.channel, at: null, now, sandbox: false };
    for (const state of ["scheduled", "queued", "sending", "posted", "unknown"] as const) {
      const current = {
        ...base,
        state,
        scheduledFor: now.toISOString(),
        postedAt: now.toISOString(),
        error,
      } as DeliveryRecord;
      expect(transition.open(current, target), state).toBeNull();
    }
    for (const state of ["failed", "cancelled"] as const) {
      const reopened = transition.open({ ...base, state, error } as DeliveryRecord, target);
      expect(reopened).toMatchObject({ state: "queued", generation: 3, attempts: 0 });
    }
  });

  it("a late success wins over an `unknown` set by a re-run of the same generation", () => {
    const unknown = { ...base, state: "unknown", error } as DeliveryRecord;
    expect(transition.posted(unknown, 2, { remoteId: "x" }, now)).toMatchObject({
      state: "posted",
      remoteId: "x",
    });
    expect(transition.posted(unknown, 1, { remoteId: "x" }, now)).toBeNull();
  });

  it("only scheduled and queued deliveries can be cancelled", () => {
    for (const state of ["sending", "posted", "failed", "unknown", "cancelled"] as const) {
      expect(
        transition.cancel({ ...base, state, error, postedAt: "" } as DeliveryRecord, now),
        state,
      ).toBeNull();
    }
    expect(transition.cancel({ ...base, state: "queued" } as DeliveryRecord, now)?.state).toBe("cancelled");
  });

  it("a rate-limit requeue refunds the attempt; a retryable failure does not", () => {
    const sending = { ...base, state: "sending", attempts: 3 } as DeliveryRecord;
    expect(transition.requeue(sending, 2, error, true, now)?.attempts).toBe(2);
    expect(transition.requeue(sending, 2, error, false, now)?.attempts).toBe(3);
  });
});
