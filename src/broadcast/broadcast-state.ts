import type { Redis } from "ioredis";
import type { BroadcastStats } from "../domain/delivery.js";

/**
 * The fan-out's bookkeeping in Redis, one set of keys per (article, generation) — a broadcast:
 * - `text`      the exact HTML the preview showed, stored at fan-out (jobs carry ids only)
 * - `targets`   the chat ids this broadcast goes to (its size is the total)
 * - `outcome`   chat id → sent | failed | blocked | unknown, written once (HSETNX)
 * - `count`     counters incremented in the same script as the outcome, so they never drift
 * - `inflight`  chat id → when a send began; present without an outcome = answer lost
 * and per article, across generations, `sent`: the chats that surely have it (never sent again,
 * not even by an editor's retry).
 */
export interface BroadcastRef {
  articleId: string;
  generation: number;
}

export type Outcome = "sent" | "failed" | "blocked" | "unknown";

/** Bookkeeping outlives the broadcast long enough for an editor's retry; then Redis forgets it. */
export const BROADCAST_STATE_TTL_SECONDS = 30 * 24 * 3600;

/**
 * KEYS: outcome, count, inflight, sent. ARGV: target chat, outcome, ttl, chat that received it.
 * `unknown` also counts as failed: the contract's stats have no separate field for it.
 */
const RECORD_SCRIPT = `
if ARGV[2] == 'sent' then
  redis.call('SADD', KEYS[4], ARGV[1], ARGV[4])
  redis.call('EXPIRE', KEYS[4], ARGV[3])
end
redis.call('HDEL', KEYS[3], ARGV[1])
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
if ARGV[2] == 'unknown' then redis.call('HINCRBY', KEYS[2], 'failed', 1) end
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1
`;

export interface BroadcastStatsDetail extends BroadcastStats {
  total: number;
  unknown: number;
}

export function createBroadcastState(redis: Redis, prefix: string) {
  const base = `${prefix}bc:`;
  const id = (ref: BroadcastRef) => `${ref.articleId}.${ref.generation}`;
  const keys = {
    text: (ref: BroadcastRef) => `${base}text:${id(ref)}`,
    targets: (ref: BroadcastRef) => `${base}targets:${id(ref)}`,
    outcome: (ref: BroadcastRef) => `${base}outcome:${id(ref)}`,
    count: (ref: BroadcastRef) => `${base}count:${id(ref)}`,
    inflight: (ref: BroadcastRef) => `${base}inflight:${id(ref)}`,
    sent: (articleId: string) => `${base}sent:${articleId}`,
    scratch: (ref: BroadcastRef) => `${base}scratch:${id(ref)}:${Date.now()}:${Math.random()}`,
  };
  const ttl = String(BROADCAST_STATE_TTL_SECONDS);

  return {
    keys,

    /** Keeps the first text stored: a re-run sends what the first run promised. */
    async saveText(ref: BroadcastRef, text: string): Promise<void> {
      await redis.set(keys.text(ref), text, "EX", BROADCAST_STATE_TTL_SECONDS, "NX");
    },
    text: (ref: BroadcastRef) => redis.get(keys.text(ref)),

    /** Adds the chat ids in `scratchKey` to the targets (a re-run adds newcomers, drops nobody). */
    async addTargets(ref: BroadcastRef, scratchKey: string): Promise<number> {
      const total = await redis.sunionstore(keys.targets(ref), keys.targets(ref), scratchKey);
      await redis.multi().del(scratchKey).expire(keys.targets(ref), BROADCAST_STATE_TTL_SECONDS).exec();
      return total;
    },

    /** Targets without an outcome yet, in batches (SSCAN: no big reply for big audiences). */
    async *openTargets(ref: BroadcastRef, batch = 500): AsyncGenerator<string[]> {
      let cursor = "0";
      do {
        const [next, chats] = await redis.sscan(keys.targets(ref), cursor, "COUNT", batch);
        cursor = next;
        if (chats.length === 0) continue;
        const outcomes = await redis.hmget(keys.outcome(ref), ...chats);
        const open = chats.filter((_, index) => outcomes[index] === null);
        if (open.length > 0) yield open;
      } while (cursor !== "0");
    },

    hasOutcome: async (ref: BroadcastRef, chatId: string) =>
      (await redis.hexists(keys.outcome(ref), chatId)) === 1,
    wasSent: async (articleId: string, chatId: string) =>
      (await redis.sismember(keys.sent(articleId), chatId)) === 1,

    /** Marks a send as begun; false when an earlier attempt began one and never learnt its outcome. */
    async beginSend(ref: BroadcastRef, chatId: string): Promise<boolean> {
      const [[, set] = [], [,] = []] =
        (await redis
          .multi()
          .hsetnx(keys.inflight(ref), chatId, String(Date.now()))
          .expire(keys.inflight(ref), BROADCAST_STATE_TTL_SECONDS)
          .exec()) ?? [];
      return set === 1;
    },
    /** Telegram answered "not sent" (429, 5xx, migrated): the send may be tried again. */
    async abandonSend(ref: BroadcastRef, chatId: string): Promise<void> {
      await redis.hdel(keys.inflight(ref), chatId);
    },

    /** Records the one outcome of a chat; true when it was new (counters moved). */
    async record(ref: BroadcastRef, chatId: string, outcome: Outcome, receivedBy = chatId): Promise<boolean> {
      const written = await redis.eval(
        RECORD_SCRIPT,
        4,
        keys.outcome(ref),
        keys.count(ref),
        keys.inflight(ref),
        keys.sent(ref.articleId),
        chatId,
        outcome,
        ttl,
        receivedBy,
      );
      return written === 1;
    },

    async stats(ref: BroadcastRef): Promise<BroadcastStatsDetail> {
      const [[, counts] = [], [, total] = []] =
        (await redis.multi().hgetall(keys.count(ref)).scard(keys.targets(ref)).exec()) ?? [];
      const count = (field: string) => Number((counts as Record<string, string> | undefined)?.[field] ?? 0);
      const sent = count("sent");
      const failed = count("failed");
      const blocked = count("blocked");
      const all = Number(total ?? 0);
      return {
        sent,
        failed,
        blocked,
        pending: Math.max(0, all - sent - failed - blocked),
        total: all,
        unknown: count("unknown"),
      };
    },
  };
}

export type BroadcastState = ReturnType<typeof createBroadcastState>;
