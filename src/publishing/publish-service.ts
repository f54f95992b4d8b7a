import type { ChannelId, ChannelMode } from "../domain/channel.js";
import type { Delivery } from "../domain/delivery.js";
import { conflict, notFound, SadaError } from "../domain/errors.js";
import type { DeliveryQueues } from "../queue/delivery-queues.js";
import type { ArticleStore } from "../store/article-store.js";
import { type DeliveryStore, publicDelivery } from "../store/delivery-store.js";
import type { PublicationIndex } from "../store/publication-index.js";
import * as transition from "./transitions.js";

export interface PublishServiceDeps {
  articles: ArticleStore;
  publication: PublicationIndex;
  deliveries: DeliveryStore;
  queues: DeliveryQueues;
  modes: Record<ChannelId, ChannelMode>;
  defaultChannels: readonly ChannelId[];
  clock?: () => Date;
}

/** A time this close to now (or earlier) means "now". */
const SCHEDULE_THRESHOLD_MS = 1_000;

/**
 * Publish, cancel and retry: the API side of the delivery state machine. Each change is a
 * compare-and-set on the delivery, then the job; a job that fails to be added is re-added by the
 * sweep, because the delivery's state is the truth and the job only a wake-up call.
 */
export function createPublishService(deps: PublishServiceDeps) {
  const now = deps.clock ?? (() => new Date());

  async function requireArticle(articleId: string) {
    const article = await deps.articles.get(articleId);
    if (article === null) throw notFound("The article");
    return article;
  }

  /**
   * The article's deliveries in channel order (the article is known to exist). Given the
   * article's last change, a posted delivery older than it says so (`changedSincePosted`): Sada
   * never re-posts a correction on its own, so an editor sees where the post is now outdated.
   */
  async function deliveriesOf(articleId: string, articleUpdatedAt?: string): Promise<Delivery[]> {
    const records = await deps.deliveries.list(articleId);
    const order = (channel: ChannelId) => Object.keys(deps.modes).indexOf(channel);
    return records
      .sort((a, b) => order(a.channel) - order(b.channel))
      .map((record) => {
        const view = publicDelivery(record);
        const outdated =
          articleUpdatedAt !== undefined && record.state === "posted" && record.postedAt < articleUpdatedAt;
        return outdated ? { ...view, changedSincePosted: true } : view;
      });
  }

  async function list(articleId: string): Promise<Delivery[]> {
    const article = await requireArticle(articleId);
    return deliveriesOf(articleId, article.updatedAt);
  }

  const record = (articleId: string, actor: string, action: string, fields?: string[]) =>
    deps.articles.appendHistory(articleId, {
      at: now().toISOString(),
      actor,
      action,
      ...(fields === undefined ? {} : { fields }),
    });

  async function publish(
    articleId: string,
    request: { channels?: ChannelId[]; at?: Date },
    actor: string,
  ): Promise<Delivery[]> {
    await requireArticle(articleId);
    // A publish that names no channel goes to the enabled ones of CHANNELS; naming a disabled
    // channel explicitly is an error the editor should see.
    const channels = [
      ...new Set(
        request.channels ?? deps.defaultChannels.filter((channel) => deps.modes[channel] !== "disabled"),
      ),
    ];
    if (channels.length === 0) {
      throw new SadaError(
        422,
        "channel_disabled",
        "Every channel in CHANNELS is disabled: set credentials or SANDBOX=auto.",
      );
    }
    const disabled = channels.filter((channel) => deps.modes[channel] === "disabled");
    if (disabled.length > 0) {
      throw new SadaError(
        422,
        "channel_disabled",
        `Channel ${disabled.join(", ")} is disabled: it has no credentials and SANDBOX is off.`,
        disabled.map((channel) => ({ path: "channels", message: `${channel} is disabled` })),
      );
    }
    await record(
      articleId,
      actor,
      request.at === undefined ? "publish" : `publish at ${request.at.toISOString()}`,
      channels,
    );
    const time = now();
    const at =
      request.at !== undefined && request.at.getTime() - time.getTime() > SCHEDULE_THRESHOLD_MS
        ? request.at
        : null;
    for (const channel of channels) {
      const { delivery, changed } = await deps.deliveries.update(articleId, channel, (current) =>
        transition.open(current, {
          articleId,
          channel,
          at,
          now: time,
          sandbox: deps.modes[channel] === "sandbox",
        }),
      );
      if (changed && delivery !== null) {
        const delay = at === null ? 0 : at.getTime() - time.getTime();
        await deps.queues.enqueue({ articleId, channel, generation: delivery.generation }, delay);
      }
    }
    return (await deliveriesOf(articleId)).filter((delivery) => channels.includes(delivery.channel));
  }

  async function cancel(articleId: string, actor: string): Promise<Delivery[]> {
    await requireArticle(articleId);
    await record(articleId, actor, "cancel");
    for (const record of await deps.deliveries.list(articleId)) {
      const { changed } = await deps.deliveries.update(articleId, record.channel, (current) =>
        transition.cancel(current, now()),
      );
      if (changed)
        await deps.queues.remove({ articleId, channel: record.channel, generation: record.generation });
    }
    return deliveriesOf(articleId);
  }

  async function retry(articleId: string, channel: ChannelId, actor: string): Promise<Delivery> {
    await requireArticle(articleId);
    if (deps.modes[channel] === "disabled") {
      throw new SadaError(422, "channel_disabled", `Channel ${channel} is disabled.`);
    }
    const { delivery, changed } = await deps.deliveries.update(articleId, channel, (current) =>
      transition.reopenForRetry(current, now()),
    );
    if (delivery === null) throw notFound(`A ${channel} delivery of this article`);
    if (!changed) {
      throw conflict(
        "not_retryable",
        `The ${channel} delivery is ${delivery.state}; only failed or unknown deliveries can be retried.`,
      );
    }
    await record(articleId, actor, "retry", [channel]);
    await deps.queues.enqueue({ articleId, channel, generation: delivery.generation });
    return publicDelivery(delivery);
  }

  /**
   * Takes the article off Sada's own surfaces: pending deliveries are cancelled, the RSS item and
   * the public page disappear. Posts already on X, Telegram or Facebook stay: Sada does not delete
   * them. Publishing again puts the article back.
   */
  async function unpublish(articleId: string, actor: string): Promise<Delivery[]> {
    await cancel(articleId, actor);
    await deps.deliveries.update(articleId, "rss", (current) => transition.withdraw(current, now()));
    await deps.publication.remove(articleId);
    await record(articleId, actor, "unpublish");
    return deliveriesOf(articleId);
  }

  /** Cancels what can be cancelled and forgets the open-delivery index (article deleted). */
  async function forgetArticle(articleId: string): Promise<void> {
    const records = await deps.deliveries.list(articleId);
    for (const record of records) {
      await deps.queues.remove({ articleId, channel: record.channel, generation: record.generation });
    }
    await deps.deliveries.forget(
      articleId,
      records.map((record) => record.channel),
    );
  }

  return { list, deliveriesOf, publish, cancel, unpublish, retry, forgetArticle };
}

export type PublishService = ReturnType<typeof createPublishService>;
