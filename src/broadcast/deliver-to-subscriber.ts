import { DelayedError, type Job, RateLimitError } from "bullmq";
import type { Logger } from "pino";
import type { Telegram } from "telegraf";
import { withTimeout } from "../channels/with-timeout.js";
import type { BroadcastPayload } from "../queue/jobs.js";
import type { SubscriberStore } from "../store/subscriber-store.js";
import type { BroadcastRef, BroadcastState, Outcome } from "./broadcast-state.js";
import type { ChatPace } from "./chat-pace.js";
import { classifyTelegramError } from "./classify-telegram-error.js";
import type { StatsMirror } from "./mirror-stats.js";

/** A group upgraded twice in one broadcast is not a thing; one hop is enough, two is a guard. */
const MAX_MIGRATIONS = 2;
/** How long one sendMessage may take before its outcome is unknown. */
export const BROADCAST_SEND_TIMEOUT_MS = 15_000;

export interface DeliverDeps {
  telegram: Telegram;
  state: BroadcastState;
  subscribers: SubscriberStore;
  pace: ChatPace;
  mirror: StatsMirror;
  /** Pauses the whole queue (BullMQ `queue.rateLimit`), for a Telegram flood wait. */
  pauseAll(ms: number): Promise<void>;
  logger: Logger;
  sendTimeoutMs?: number;
}

/**
 * One message to one subscriber, at most once (platforms.md: Telegram has no idempotency):
 * 1. a chat with an outcome, or in the article's `sent` set, is never written to again;
 * 2. `beginSend` marks the send before the request; finding the mark from an earlier attempt
 *    means that attempt died without learning the answer → outcome `unknown`, not re-sent
 *    (a crash between the mark and the request loses that one message: the safe side);
 * 3. the outcome is recorded right after Telegram answers.
 * Throws BullMQ's DelayedError / RateLimitError to wait without spending an attempt.
 */
export async function deliverToSubscriber(
  deps: DeliverDeps,
  job: Job<BroadcastPayload>,
  token: string | undefined,
): Promise<Outcome | "already"> {
  const { articleId, generation, chatId } = job.data;
  const ref: BroadcastRef = { articleId, generation };
  const finish = async (outcome: Outcome, receivedBy = chatId) => {
    await deps.state.record(ref, chatId, outcome, receivedBy);
    await deps.mirror.touch(ref);
    return outcome;
  };

  if (await deps.state.hasOutcome(ref, chatId)) {
    await deps.mirror.touch(ref);
    return "already";
  }
  const text = await deps.state.text(ref);
  if (text === null) {
    deps.logger.warn({ articleId, generation }, "broadcast text expired; counted failed");
    return finish("failed");
  }

  let target = chatId;
  for (let hop = 0; hop <= MAX_MIGRATIONS; hop++) {
    if (await deps.state.wasSent(articleId, target)) return finish("sent", target);
    const waitMs = await deps.pace.take(target);
    if (waitMs > 0) {
      await job.moveToDelayed(Date.now() + waitMs, token);
      throw new DelayedError();
    }
    if (!(await deps.state.beginSend(ref, chatId))) {
      deps.logger.warn(
        { articleId, chatId },
        "earlier send to this subscriber has an unknown outcome; not re-sent",
      );
      return finish("unknown");
    }
    try {
      await withTimeout(
        deps.telegram.sendMessage(target, text, { parse_mode: "HTML" }),
        "Telegram",
        deps.sendTimeoutMs ?? BROADCAST_SEND_TIMEOUT_MS,
      );
      return finish("sent", target);
    } catch (error) {
      const failure = classifyTelegramError(error);
      switch (failure.kind) {
        case "rate_limited":
          await deps.state.abandonSend(ref, chatId);
          await deps.pace.release(target);
          await deps.pauseAll(failure.retryAfterMs);
          deps.logger.warn({ retryAfterMs: failure.retryAfterMs }, "telegram flood wait; broadcast paused");
          throw new RateLimitError();
        case "migrated":
          await deps.state.abandonSend(ref, chatId);
          await deps.pace.release(target);
          await deps.subscribers.migrate(target, failure.migrateTo);
          target = failure.migrateTo;
          continue;
        case "gone":
          await deps.subscribers.setStatus(target, "blocked");
          return finish("blocked");
        case "rejected":
          deps.logger.warn(
            { articleId, chatId: target, code: failure.code },
            "telegram refused a broadcast message",
          );
          return finish("failed");
        case "unknown_outcome":
          deps.logger.warn(
            { articleId, chatId: target, code: failure.code },
            "broadcast message outcome unknown",
          );
          return finish("unknown");
        case "transient": {
          await deps.state.abandonSend(ref, chatId);
          const attempts = job.opts.attempts ?? 1;
          if (job.attemptsMade + 1 >= attempts) return finish("failed");
          throw new Error(`telegram transient failure: ${failure.code}`);
        }
      }
    }
  }
  return finish("failed");
}
