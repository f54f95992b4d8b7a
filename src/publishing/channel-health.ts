import type { Redis } from "ioredis";
import type { ChannelErrorKind } from "../channels/channel.js";
import type { ChannelStatus } from "../channels/status.js";
import { CHANNEL_IDS, type ChannelId, type ChannelMode } from "../domain/channel.js";
import { redisKeys } from "../store/keys.js";

/**
 * Each channel's health as the workers last saw it: a permanent failure (dead token, missing
 * permission) marks the channel not ok with its error until a later post succeeds. Kept in Redis
 * so `GET /api/channels` in the API process sees what the workers saw.
 */
export interface ChannelHealth {
  report(
    channel: ChannelId,
    error: { kind: ChannelErrorKind; code: string; message: string } | null,
  ): Promise<void>;
  statuses(modes: Record<ChannelId, ChannelMode>): Promise<ChannelStatus[]>;
}

export function createChannelHealth(redis: Redis, prefix: string): ChannelHealth {
  const key = redisKeys(prefix).channelHealth;
  return {
    report: async (channel, error) => {
      if (error === null) {
        await redis.hdel(key, channel);
        return;
      }
      await redis.hset(
        key,
        channel,
        JSON.stringify({ code: error.code, message: error.message, at: new Date().toISOString() }),
      );
    },
    statuses: async (modes) => {
      const stored = await redis.hgetall(key);
      return CHANNEL_IDS.map((id) => {
        const lastError =
          stored[id] === undefined ? undefined : (JSON.parse(stored[id]) as ChannelStatus["lastError"]);
        const ok = modes[id] !== "disabled" && lastError === undefined;
        return lastError === undefined ? { id, mode: modes[id], ok } : { id, mode: modes[id], ok, lastError };
      });
    },
  };
}
