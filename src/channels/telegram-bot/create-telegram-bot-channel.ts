import type { Queue } from "bullmq";
import type { BroadcastState } from "../../broadcast/broadcast-state.js";
import { fanOut } from "../../broadcast/fan-out.js";
import type { ChannelMode } from "../../domain/channel.js";
import type { BroadcastPayload, RetryPolicy } from "../../queue/jobs.js";
import type { DeliveryStore } from "../../store/delivery-store.js";
import type { SubscriberStore } from "../../store/subscriber-store.js";
import type { Channel, SendContext, SendResult } from "../channel.js";

export interface TelegramBotChannelDeps {
  mode: ChannelMode;
  deliveries: DeliveryStore;
  subscribers: SubscriberStore;
  state: BroadcastState;
  /** The `broadcast` queue, producer side. */
  queue: Queue<BroadcastPayload>;
  /** Attempts and backoff of each broadcast job (DELIVERY_ATTEMPTS, DELIVERY_BACKOFF_MS). */
  retry: RetryPolicy;
}

/**
 * The bot's subscribers: `send` only queues the fan-out (one `broadcast` job per matching
 * subscriber) and writes the delivery's stats; the broadcast worker sends and, when nothing is
 * pending, moves the delivery to `posted`. Re-running `send` queues nothing twice and never
 * re-sends to a subscriber (see src/broadcast), hence `resendSafe`.
 */
export function createTelegramBotChannel(deps: TelegramBotChannelDeps): Channel {
  async function send({ article, preview }: SendContext): Promise<SendResult> {
    const delivery = await deps.deliveries.get(article.id, "telegram-bot");
    const ref = { articleId: article.id, generation: delivery?.generation ?? 0 };
    const stats = await fanOut(deps, ref, article, preview["telegram-bot"].text);
    const { total: _total, unknown: _unknown, ...visible } = stats;
    await deps.deliveries.update(article.id, "telegram-bot", (current) => {
      if (current === null || current.generation !== ref.generation) return null;
      // A worker may already have mirrored newer counters; never move them backwards.
      const before = current.stats;
      if (
        before !== undefined &&
        before.sent + before.failed + before.blocked > stats.sent + stats.failed + stats.blocked
      )
        return null;
      return { ...current, stats: visible, updatedAt: new Date().toISOString() };
    });
    if (stats.pending > 0) return { pending: true };
    // Nobody to reach, or a re-run after every subscriber was served: posted at once.
    return { remoteId: `${stats.sent} subscribers` };
  }

  return { id: "telegram-bot", mode: deps.mode, resendSafe: true, send };
}
