import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { jobCatalog, type TelegramUpdatePayload } from "../queue/jobs.js";

/** A Bot API Update: at least its id. */
export type IncomingUpdate = { update_id: number } & Record<string, unknown>;

/** An update waits here until handled; Telegram stops re-sending after about a day. */
export const UPDATE_TTL_SECONDS = 24 * 3600;

/**
 * Where updates (webhook or long polling) wait for the update worker. Jobs carry the update id
 * only; the update itself is kept in Redis under that id. The job id comes from the update id,
 * so Telegram re-sending an update (it does when an answer is late) adds nothing.
 */
export function createUpdateInbox(deps: {
  redis: Redis;
  prefix: string;
  queue: Queue<TelegramUpdatePayload>;
}) {
  const key = (updateId: number) => `${deps.prefix}bot:update:${updateId}`;
  return {
    async accept(update: IncomingUpdate): Promise<void> {
      await deps.redis.set(key(update.update_id), JSON.stringify(update), "EX", UPDATE_TTL_SECONDS, "NX");
      const payload: TelegramUpdatePayload = { updateId: update.update_id };
      await deps.queue.add("telegram-update", payload, {
        ...jobCatalog.telegramUpdate.options(),
        jobId: jobCatalog.telegramUpdate.jobId(payload),
      });
    },
    async take(updateId: number): Promise<IncomingUpdate | null> {
      const json = await deps.redis.get(key(updateId));
      return json === null ? null : (JSON.parse(json) as IncomingUpdate);
    },
    async forget(updateId: number): Promise<void> {
      await deps.redis.del(key(updateId));
    },
  };
}

export type UpdateInbox = ReturnType<typeof createUpdateInbox>;

export function isUpdate(value: unknown): value is IncomingUpdate {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const id = (value as { update_id?: unknown }).update_id;
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 0;
}
