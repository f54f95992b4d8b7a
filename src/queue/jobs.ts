import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { CHANNEL_IDS } from "../domain/channel.js";
import { BROADCAST_QUEUE, deliveryQueueName, TELEGRAM_UPDATES_QUEUE } from "./names.js";

/**
 * The job catalog: every job Sada queues, with its payload schema, deterministic job id and retry
 * policy. Payloads carry ids only — never secrets or article text; handlers re-read state.
 * Job ids may not be all digits nor contain ':' (BullMQ), hence the dotted, prefixed form.
 */

export const deliverPayload = z.strictObject({
  articleId: z.string().regex(/^[0-9a-z]{19}$/u),
  channel: z.enum(CHANNEL_IDS),
  /** Bumped by an editor's retry, so the retry gets a fresh job id. */
  generation: z.number().int().min(0),
});
export type DeliverPayload = z.infer<typeof deliverPayload>;

export const broadcastPayload = z.strictObject({
  articleId: z.string().regex(/^[0-9a-z]{19}$/u),
  chatId: z.string().regex(/^-?\d+$/u),
  generation: z.number().int().min(0),
});
export type BroadcastPayload = z.infer<typeof broadcastPayload>;

export const telegramUpdatePayload = z.strictObject({ updateId: z.number().int() });
export type TelegramUpdatePayload = z.infer<typeof telegramUpdatePayload>;

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Custom backoff: the delay doubles with each attempt, with ±25 % jitter (see workers/). */
export const BACKOFF_TYPE = "sada-jitter";

export function exponentialJitterDelay(attemptsMade: number, baseMs: number, random = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const jitter = 0.75 + random() * 0.5;
  return Math.round(exponential * jitter);
}

/** BullMQ `settings.backoffStrategy` for jobs using BACKOFF_TYPE: the delay of the next retry. */
export function backoffStrategy(
  attemptsMade: number,
  type: string | undefined,
  _error?: Error,
  job?: { opts: { backoff?: number | { delay?: number } } },
): number {
  const backoff = job?.opts.backoff;
  const base = typeof backoff === "object" ? (backoff.delay ?? 0) : 0;
  return type === BACKOFF_TYPE ? exponentialJitterDelay(attemptsMade, base) : base;
}

const KEEP_FINISHED = {
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const jobCatalog = {
  deliver: {
    queue: (payload: DeliverPayload) => deliveryQueueName(payload.channel),
    schema: deliverPayload,
    jobId: (payload: DeliverPayload) =>
      `deliver.${payload.articleId}.${payload.channel}.${payload.generation}`,
    options: (policy: RetryPolicy): JobsOptions => ({
      attempts: policy.attempts,
      backoff: { type: BACKOFF_TYPE, delay: policy.backoffMs },
      ...KEEP_FINISHED,
    }),
  },
  broadcast: {
    queue: () => BROADCAST_QUEUE,
    schema: broadcastPayload,
    jobId: (payload: BroadcastPayload) => `bc.${payload.articleId}.${payload.chatId}.${payload.generation}`,
    options: (policy: RetryPolicy): JobsOptions => ({
      attempts: policy.attempts,
      backoff: { type: BACKOFF_TYPE, delay: policy.backoffMs },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    }),
  },
  telegramUpdate: {
    queue: () => TELEGRAM_UPDATES_QUEUE,
    schema: telegramUpdatePayload,
    // Telegram re-sends an update it thinks we missed; the id makes the second add a no-op.
    jobId: (payload: TelegramUpdatePayload) => `tg-update.${payload.updateId}`,
    options: (): JobsOptions => ({
      attempts: 3,
      backoff: { type: "exponential", delay: 1000 },
      ...KEEP_FINISHED,
    }),
  },
} as const;
