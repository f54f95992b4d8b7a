import type { Logger } from "pino";
import type { BroadcastStats } from "../domain/delivery.js";
import type { DeliveryRecord, DeliveryStore } from "../store/delivery-store.js";
import type { BroadcastRef, BroadcastState } from "./broadcast-state.js";

/** How often one process writes a running broadcast's stats into the delivery record. */
export const MIRROR_INTERVAL_MS = 250;

const done = (stats: BroadcastStats) => stats.sent + stats.failed + stats.blocked;
const same = (a: BroadcastStats | undefined, b: BroadcastStats) =>
  a !== undefined &&
  a.sent === b.sent &&
  a.failed === b.failed &&
  a.blocked === b.blocked &&
  a.pending === b.pending;

/**
 * The delivery's new value for fresh counters, or null to leave it: counters in Redis are the
 * truth (HINCRBY), the record only mirrors them and never goes backwards; the broadcast of an
 * older generation never touches a newer delivery; `sending` → `posted` when nothing is pending.
 */
export function mirroredDelivery(
  current: DeliveryRecord | null,
  ref: BroadcastRef,
  stats: BroadcastStats,
  now: Date,
): DeliveryRecord | null {
  if (current === null || current.generation !== ref.generation) return null;
  if (current.stats !== undefined && done(current.stats) > done(stats)) return null;
  const at = now.toISOString();
  if (current.state === "sending" && stats.pending === 0) {
    const { state: _state, ...rest } = current;
    return {
      ...rest,
      state: "posted",
      postedAt: at,
      remoteId: `${stats.sent} subscribers`,
      stats,
      updatedAt: at,
    };
  }
  if (same(current.stats, stats)) return null;
  return { ...current, stats, updatedAt: at };
}

/**
 * Mirrors counters into the delivery record: at once when the broadcast is complete, otherwise at
 * most every MIRROR_INTERVAL_MS per broadcast (a CAS write per message would contend at 30 msg/s),
 * with a trailing write so the last figures always land.
 */
export function createStatsMirror(deps: {
  state: BroadcastState;
  deliveries: DeliveryStore;
  logger: Logger;
  intervalMs?: number;
}) {
  const interval = deps.intervalMs ?? MIRROR_INTERVAL_MS;
  const last = new Map<string, number>();
  const trailing = new Map<string, NodeJS.Timeout>();

  async function write(ref: BroadcastRef): Promise<BroadcastStats> {
    const { total: _total, unknown: _unknown, ...stats } = await deps.state.stats(ref);
    await deps.deliveries.update(ref.articleId, "telegram-bot", (current) =>
      mirroredDelivery(current, ref, stats, new Date()),
    );
    return stats;
  }

  return {
    write,
    async touch(ref: BroadcastRef): Promise<void> {
      const key = `${ref.articleId}.${ref.generation}`;
      const stats = await deps.state.stats(ref);
      const now = Date.now();
      if (stats.pending === 0 || now - (last.get(key) ?? 0) >= interval) {
        last.set(key, now);
        await write(ref);
        return;
      }
      if (trailing.has(key)) return;
      const timer = setTimeout(() => {
        trailing.delete(key);
        last.set(key, Date.now());
        write(ref).catch((error: unknown) =>
          deps.logger.warn({ articleId: ref.articleId, err: String(error) }, "broadcast stats mirror failed"),
        );
      }, interval);
      timer.unref();
      trailing.set(key, timer);
    },
    close(): void {
      for (const timer of trailing.values()) clearTimeout(timer);
      trailing.clear();
    },
  };
}

export type StatsMirror = ReturnType<typeof createStatsMirror>;
