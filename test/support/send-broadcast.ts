import type { Channel, SendResult } from "../../src/channels/channel.js";
import type { Article } from "../../src/domain/article.js";
import { DEFAULT_FORMAT_OPTIONS, renderPreview } from "../../src/format/preview.js";
import type { DeliveryStore } from "../../src/store/delivery-store.js";

/**
 * What the delivery processor does for a `telegram-bot` delivery, without the queue: the delivery
 * is moved to `sending` (generation 0), then the channel's `send` starts the fan-out. For bot tests
 * and the broadcast bench, which exercise the broadcast on its own.
 */
export async function sendBroadcast(deps: {
  deliveries: DeliveryStore;
  channel: Channel;
  article: Article;
}): Promise<SendResult> {
  const { deliveries, channel, article } = deps;
  const now = new Date().toISOString();
  await deliveries.update(article.id, "telegram-bot", () => ({
    articleId: article.id,
    channel: "telegram-bot",
    state: "sending",
    attempts: 1,
    generation: 0,
    updatedAt: now,
    sendingSince: now,
  }));
  return channel.send({
    article,
    preview: renderPreview(article, DEFAULT_FORMAT_OPTIONS),
    progress: { postedIds: [] },
    saveProgress: async () => {},
  });
}
