import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { ChannelId } from "../domain/channel.js";
import { createQueue } from "./create-queue.js";
import { type DeliverPayload, jobCatalog, type RetryPolicy } from "./jobs.js";
import { deliveryQueueName } from "./names.js";

/** Producers for the per-channel delivery queues, sharing one connection. */
export interface DeliveryQueues {
  get(channel: ChannelId): Queue<DeliverPayload>;
  /** Adds the delivery's job (a no-op while a job with the same id exists). */
  enqueue(payload: DeliverPayload, delayMs?: number): Promise<void>;
  /** Removes a waiting or delayed job; an active one cannot be removed and is left alone. */
  remove(payload: DeliverPayload): Promise<void>;
  close(): Promise<void>;
}

export function createDeliveryQueues(connection: Redis, prefix: string, policy: RetryPolicy): DeliveryQueues {
  const queues = new Map<ChannelId, Queue<DeliverPayload>>();
  const get = (channel: ChannelId) => {
    let queue = queues.get(channel);
    if (queue === undefined) {
      queue = createQueue<DeliverPayload>(deliveryQueueName(channel), connection, prefix);
      queues.set(channel, queue);
    }
    return queue;
  };
  return {
    get,
    enqueue: async (payload, delayMs = 0) => {
      await get(payload.channel).add("deliver", payload, {
        ...jobCatalog.deliver.options(policy),
        jobId: jobCatalog.deliver.jobId(payload),
        ...(delayMs > 0 ? { delay: delayMs } : {}),
      });
    },
    remove: async (payload) => {
      const job = await get(payload.channel).getJob(jobCatalog.deliver.jobId(payload));
      if (job === undefined) return;
      const state = await job.getState();
      if (state === "waiting" || state === "delayed" || state === "prioritized")
        await job.remove().catch(() => {});
    },
    close: async () => {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
