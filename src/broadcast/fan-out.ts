import type { Queue } from "bullmq";
import type { Article } from "../domain/article.js";
import { type BroadcastPayload, jobCatalog, type RetryPolicy } from "../queue/jobs.js";
import type { SubscriberStore } from "../store/subscriber-store.js";
import type { BroadcastRef, BroadcastState, BroadcastStatsDetail } from "./broadcast-state.js";

/** Jobs added per round trip. */
const ADD_BATCH = 500;

export interface FanOutDeps {
  state: BroadcastState;
  subscribers: SubscriberStore;
  /** The `broadcast` queue (producer side). */
  queue: Queue<BroadcastPayload>;
  retry: RetryPolicy;
}

/**
 * Queues one broadcast job per subscriber matching the article's tags. Safe to run again (the
 * channel is `resendSafe`): the text is kept from the first run, targets only grow, a chat with an
 * outcome gets no new job, and the deterministic job id turns a second add into a no-op.
 */
export async function fanOut(
  deps: FanOutDeps,
  ref: BroadcastRef,
  article: Article,
  text: string,
): Promise<BroadcastStatsDetail> {
  await deps.state.saveText(ref, text);
  const scratch = deps.state.keys.scratch(ref);
  await deps.subscribers.storeMatching(scratch, article.tags);
  await deps.state.addTargets(ref, scratch);
  for await (const chats of deps.state.openTargets(ref, ADD_BATCH)) {
    const options = jobCatalog.broadcast.options(deps.retry);
    await deps.queue.addBulk(
      chats.map((chatId) => {
        const data: BroadcastPayload = { articleId: ref.articleId, chatId, generation: ref.generation };
        return { name: "broadcast", data, opts: { ...options, jobId: jobCatalog.broadcast.jobId(data) } };
      }),
    );
  }
  return deps.state.stats(ref);
}
