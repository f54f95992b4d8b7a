import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ChannelId } from "../src/domain/channel.js";
import { backoffStrategy, type DeliverPayload, jobCatalog } from "../src/queue/jobs.js";
import { deliveryQueueName } from "../src/queue/names.js";

/** What a delivery job does; the publishing layer supplies it. Throws BullMQ's errors to steer retries. */
export type DeliveryProcessor = (
  payload: DeliverPayload,
  job: Job<DeliverPayload>,
  token?: string,
) => Promise<void>;

export interface DeliveryWorkerOptions {
  connection: Redis;
  prefix: string;
  channels: readonly ChannelId[];
  process: DeliveryProcessor;
  logger: Logger;
  /** Jobs a channel's queue may start per window; BullMQ honours a manual rate limit only with one. */
  limiter: (channel: ChannelId) => { max: number; duration: number };
  concurrency?: number;
  /** How long a job's lock lasts; a worker that dies mid-job is noticed after about this long. */
  lockDurationMs?: number;
}

/** Thin entry point: one BullMQ worker per channel queue, each validating its payload. */
export function startDeliveryWorkers(options: DeliveryWorkerOptions): Worker[] {
  return options.channels.map((channel) => {
    const lockDuration = options.lockDurationMs ?? 30_000;
    const worker = new Worker<DeliverPayload>(
      deliveryQueueName(channel),
      async (job, token) => {
        const payload = jobCatalog.deliver.schema.parse(job.data);
        await options.process(payload, job, token);
      },
      {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: options.concurrency ?? 4,
        limiter: options.limiter(channel),
        lockDuration,
        stalledInterval: lockDuration,
        // A stalled job (dead worker) is re-run more than once: the processor decides per channel.
        maxStalledCount: 3,
        settings: { backoffStrategy },
      },
    );
    worker.on("error", (error) =>
      options.logger.warn({ channel, err: error.message }, "delivery worker error"),
    );
    return worker;
  });
}
