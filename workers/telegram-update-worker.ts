import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import type { UpdateInbox } from "../src/bot/update-inbox.js";
import { jobCatalog, type TelegramUpdatePayload } from "../src/queue/jobs.js";
import { TELEGRAM_UPDATES_QUEUE } from "../src/queue/names.js";

export interface TelegramUpdateWorkerOptions {
  connection: Redis;
  prefix: string;
  /** A bot set up by setUpBot (botInfo set, so handleUpdate never calls getMe). */
  bot: Telegraf;
  inbox: UpdateInbox;
  logger: Logger;
  /**
   * Updates handled at once. Small on purpose: one reader's updates should stay roughly in order
   * (/start then /stop); state changes are compare-and-set, so a reorder never corrupts them.
   */
  concurrency?: number;
}

/** Thin entry point: re-read the stored update, hand it to telegraf, forget it. */
export function startTelegramUpdateWorker(
  options: TelegramUpdateWorkerOptions,
): Worker<TelegramUpdatePayload> {
  const worker = new Worker<TelegramUpdatePayload>(
    TELEGRAM_UPDATES_QUEUE,
    async (job) => {
      const { updateId } = jobCatalog.telegramUpdate.schema.parse(job.data);
      const update = await options.inbox.take(updateId);
      if (update === null) return; // handled already, or expired
      await options.bot.handleUpdate(update as unknown as Update);
      await options.inbox.forget(updateId);
    },
    { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency ?? 4 },
  );
  worker.on("error", (error) => options.logger.warn({ err: error.message }, "telegram update worker error"));
  return worker;
}
