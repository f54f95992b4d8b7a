import type { Redis } from "ioredis";
import type { ChannelId } from "../domain/channel.js";
import type { Delivery, DeliveryError, DeliveryState } from "../domain/delivery.js";
import { type RedisKeys, redisKeys } from "./keys.js";

/**
 * What Sada keeps about a delivery beyond the contract's fields: the job generation (bumped by an
 * editor's retry so the retry gets a fresh job id), progress of a multi-step send (an X thread's
 * posted ids), and when the current send began.
 */
export type DeliveryRecord = Delivery & {
  generation: number;
  progress?: { postedIds: string[] } | undefined;
  sendingSince?: string | undefined;
  queuedAt?: string | undefined;
  /** Why a queued delivery is waiting for another attempt (shown to editors; an extension). */
  lastError?: DeliveryError | undefined;
};

/** States that still need a worker: the sweep looks at these. */
const OPEN_STATES: readonly DeliveryState[] = ["scheduled", "queued", "sending"];

/**
 * Compare-and-set of one delivery: writes only if the stored JSON is still what was read, and
 * keeps the "open deliveries" index (score = when a worker should act) in step.
 * KEYS: deliveries hash, open zset. ARGV: channel, old json ('' = absent), new json, open member, score ('' = closed).
 */
const CAS_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if (current or '') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if ARGV[5] == '' then redis.call('ZREM', KEYS[2], ARGV[4]) else redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4]) end
return 1
`;

const MAX_CAS_RETRIES = 20;

export interface DeliveryStore {
  list(articleId: string): Promise<DeliveryRecord[]>;
  get(articleId: string, channel: ChannelId): Promise<DeliveryRecord | null>;
  /**
   * Atomically replaces a delivery with `change(current)`; `change` returns null to leave it as it
   * is. Retries when another writer got there first. Returns the stored result and whether it changed.
   */
  update(
    articleId: string,
    channel: ChannelId,
    change: (current: DeliveryRecord | null) => DeliveryRecord | null,
  ): Promise<{ delivery: DeliveryRecord | null; changed: boolean }>;
  /** Open deliveries whose time to act has come: `[articleId, channel]` pairs. */
  due(now: number, limit: number): Promise<[string, ChannelId][]>;
  /** Drops the open-index entries of a deleted article. */
  forget(articleId: string, channels: readonly ChannelId[]): Promise<void>;
}

const member = (articleId: string, channel: ChannelId) => `${articleId} ${channel}`;

/** When a worker should next look at a delivery, or null when it is closed. */
function actAt(delivery: DeliveryRecord): number | null {
  if (!OPEN_STATES.includes(delivery.state)) return null;
  if (delivery.state === "scheduled") return Date.parse(delivery.scheduledFor);
  return Date.parse(delivery.sendingSince ?? delivery.queuedAt ?? delivery.updatedAt);
}

export function createDeliveryStore(redis: Redis, prefix: string): DeliveryStore {
  const keys: RedisKeys = redisKeys(prefix);
  const openKey = keys.openDeliveries;

  async function list(articleId: string): Promise<DeliveryRecord[]> {
    const all = await redis.hgetall(keys.deliveries(articleId));
    return Object.values(all).map((json) => JSON.parse(json) as DeliveryRecord);
  }

  async function get(articleId: string, channel: ChannelId): Promise<DeliveryRecord | null> {
    const json = await redis.hget(keys.deliveries(articleId), channel);
    return json === null ? null : (JSON.parse(json) as DeliveryRecord);
  }

  async function update(
    articleId: string,
    channel: ChannelId,
    change: (current: DeliveryRecord | null) => DeliveryRecord | null,
  ) {
    for (let attempt = 0; attempt < MAX_CAS_RETRIES; attempt++) {
      const raw = await redis.hget(keys.deliveries(articleId), channel);
      const current = raw === null ? null : (JSON.parse(raw) as DeliveryRecord);
      const next = change(current);
      if (next === null) return { delivery: current, changed: false };
      const at = actAt(next);
      const written = await redis.eval(
        CAS_SCRIPT,
        2,
        keys.deliveries(articleId),
        openKey,
        channel,
        raw ?? "",
        JSON.stringify(next),
        member(articleId, channel),
        at === null ? "" : String(at),
      );
      if (written === 1) return { delivery: next, changed: true };
    }
    throw new Error(`delivery ${articleId}/${channel} kept changing; gave up after ${MAX_CAS_RETRIES} tries`);
  }

  async function due(now: number, limit: number): Promise<[string, ChannelId][]> {
    const members = await redis.zrangebyscore(openKey, "-inf", now, "LIMIT", 0, limit);
    return members.map((entry) => entry.split(" ") as [string, ChannelId]);
  }

  async function forget(articleId: string, channels: readonly ChannelId[]): Promise<void> {
    if (channels.length === 0) return;
    await redis.zrem(openKey, ...channels.map((channel) => member(articleId, channel)));
  }

  return { list, get, update, due, forget };
}

/** The contract's view of a delivery: internal bookkeeping removed. */
export function publicDelivery(record: DeliveryRecord): Delivery {
  const {
    generation: _generation,
    progress: _progress,
    sendingSince: _since,
    queuedAt: _queued,
    ...rest
  } = record;
  const { articleId: _articleId, ...visible } = rest;
  return visible as Delivery;
}
