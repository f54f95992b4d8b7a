import type { Logger } from "pino";
import type { DeliveryQueues } from "../queue/delivery-queues.js";
import { jobCatalog } from "../queue/jobs.js";
import type { DeliveryStore } from "../store/delivery-store.js";

/** How many open deliveries one sweep looks at (the rest wait for the next run). */
const SWEEP_BATCH = 500;
/** Queued deliveries younger than this are left to the job just added for them. */
const QUEUED_GRACE_MS = 30_000;

/**
 * Makes sure every open delivery whose time has come has a job: schedules must survive
 * restarts, a flushed queue or a job lost between the state write and the `add`. A job id is
 * deterministic, so adding one that still exists is a no-op; a finished job with the same id
 * (retained by BullMQ) is removed first, since the delivery says it is not finished. A delivery
 * stuck in `sending` with no live job gets one too; the processor then applies its channel's
 * policy for interrupted sends.
 */
export function createSweep(deps: {
  deliveries: DeliveryStore;
  queues: DeliveryQueues;
  logger: Logger;
  stuckAfterMs: number;
}) {
  return async function sweep(now = Date.now()): Promise<number> {
    const due = await deps.deliveries.due(now, SWEEP_BATCH);
    let enqueued = 0;
    for (const [articleId, channel] of due) {
      const record = await deps.deliveries.get(articleId, channel);
      if (record === null) continue;
      // For a sending delivery, any update counts as progress (a broadcast mirrors its stats).
      const since =
        record.state === "sending"
          ? Math.max(Date.parse(record.sendingSince ?? record.updatedAt), Date.parse(record.updatedAt))
          : Date.parse(record.queuedAt ?? record.updatedAt);
      if (record.state === "queued" && now - since < QUEUED_GRACE_MS) continue;
      if (record.state === "sending" && now - since < deps.stuckAfterMs) continue;
      const payload = { articleId, channel, generation: record.generation };
      const queue = deps.queues.get(channel);
      const job = await queue.getJob(jobCatalog.deliver.jobId(payload));
      const state = job === undefined ? "missing" : await job.getState();
      if (
        state === "active" ||
        state === "waiting" ||
        state === "delayed" ||
        state === "prioritized" ||
        state === "waiting-children"
      )
        continue;
      if (job !== undefined) await job.remove().catch(() => {});
      await deps.queues.enqueue(payload);
      enqueued++;
      deps.logger.info(
        { articleId, channel, state: record.state, jobState: state },
        "sweep: re-enqueued a delivery",
      );
    }
    return enqueued;
  };
}
