import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ChannelId } from "../src/domain/channel.js";
import { BACKOFF_TYPE, type DeliverPayload, exponentialJitterDelay, jobCatalog } from "../src/queue/jobs.js";
import { deliveryQueueName } from "../src/queue/names.js";

/** What a delivery job does; the publishing layer supplies it. Throws BullMQ's errors to steer retries. */
export type DeliveryProcessor = (payload: DeliverPayload, job: Job<DeliverPayload>) => Promise<void>;

export interface DeliveryWorkerOptions {
  connection: Redis;
  prefix: string;
  channels: readonly ChannelId[];
  process: DeliveryProcessor;
  logger: Logger;
  concurrency?: number;
}

/** Thin entry point: one BullMQ worker per channel queue, each validating its payload. */
export function startDeliveryWorkers(options: DeliveryWorkerOptions): Worker[] {
  return options.channels.map((channel) => {
    const worker = new Worker<DeliverPayload>(
      deliveryQueueName(channel),
      async (job) => {
        const payload = jobCatalog.deliver.schema.parse(job.data);
        await options.process(payload, job);
      },
      {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: options.concurrency ?? 4,
        settings: {
          backoffStrategy: (attemptsMade, type, _error, job) =>
            type === BACKOFF_TYPE
              ? exponentialJitterDelay(
                  attemptsMade,
                  Number(
                    job?.opts.backoff && typeof job.opts.backoff === "object"
                      ? (job.opts.backoff.delay ?? 0)
                      : 0,
                  ),
                )
              : 0,
        },
      },
    );
    worker.on("error", (error) =>
      options.logger.warn({ channel, err: error.message }, "delivery worker error"),
    );
    return worker;
  });
}
