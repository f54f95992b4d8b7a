import { DelayedError, type Job, RateLimitError, UnrecoverableError } from "bullmq";
import type { Logger } from "pino";
import type { Config } from "../../config/index.js";
import { ChannelError } from "../channels/channel.js";
import type { ChannelRegistry } from "../channels/registry.js";
import type { DeliveryError } from "../domain/delivery.js";
import { formatOptions } from "../format/format-options-from-config.js";
import { renderPreview } from "../format/preview.js";
import type { DeliveryMetrics } from "../metrics/delivery-metrics.js";
import type { DeliveryQueues } from "../queue/delivery-queues.js";
import type { DeliverPayload } from "../queue/jobs.js";
import type { ArticleStore } from "../store/article-store.js";
import type { DeliveryRecord, DeliveryStore } from "../store/delivery-store.js";
import type { PublicationIndex } from "../store/publication-index.js";
import type { ChannelHealth } from "./channel-health.js";
import { decide } from "./error-policy.js";
import * as transition from "./transitions.js";

export interface ProcessDeliveryDeps {
  config: Config;
  logger: Logger;
  articles: ArticleStore;
  deliveries: DeliveryStore;
  publication: PublicationIndex;
  channels: ChannelRegistry;
  queues: DeliveryQueues;
  metrics: DeliveryMetrics;
  health: ChannelHealth;
  clock?: () => Date;
}

const asDeliveryError = (error: ChannelError, retryable: boolean): DeliveryError => ({
  code: error.code,
  message: error.message,
  retryable,
});

/**
 * One delivery job. The payload carries ids only; everything is re-read here. The job may run
 * more than once (BullMQ is at-least-once), so each step checks the delivery's state first, and
 * a delivery found already `sending` — an earlier run died mid-send — is re-sent only where the
 * platform refuses duplicates; elsewhere it becomes `unknown` for an editor to decide.
 */
export function createDeliveryProcessor(deps: ProcessDeliveryDeps) {
  const now = deps.clock ?? (() => new Date());

  async function finish(
    payload: DeliverPayload,
    change: (current: DeliveryRecord | null) => DeliveryRecord | null,
  ) {
    return deps.deliveries.update(payload.articleId, payload.channel, change);
  }

  async function fail(payload: DeliverPayload, state: "failed" | "unknown", error: DeliveryError) {
    await finish(payload, (current) => transition.end(current, payload.generation, state, error, now()));
    await deps.metrics.count(state === "failed" ? "failed" : "unknown", payload.channel);
  }

  return async function processDelivery(
    payload: DeliverPayload,
    job: Job<DeliverPayload>,
    token?: string,
  ): Promise<void> {
    const { articleId, channel: channelId, generation } = payload;
    // Every line says whether the channel is live or the sandbox (contract: "marks such a channel").
    const log = deps.logger.child({
      articleId,
      channel: channelId,
      mode: deps.channels[channelId]?.mode ?? "disabled",
      generation,
      jobId: job.id,
    });
    // Both reads at once: each is a round trip, and they do not depend on each other.
    const [record, article] = await Promise.all([
      deps.deliveries.get(articleId, channelId),
      deps.articles.get(articleId),
    ]);
    if (record === null || record.generation !== generation) {
      log.debug("stale job: the delivery is gone or was re-opened");
      return;
    }
    if (record.state === "scheduled" && Date.parse(record.scheduledFor) > now().getTime() + 1_000) {
      // Woken early (a sweep or a clock change): sleep again until it is due.
      await job.moveToDelayed(Date.parse(record.scheduledFor), token);
      throw new DelayedError();
    }
    if (record.state !== "queued" && record.state !== "scheduled" && record.state !== "sending") {
      log.debug({ state: record.state }, "nothing to do");
      return;
    }
    const channel = deps.channels[channelId];
    if (channel === undefined) {
      await fail(payload, "failed", {
        code: "channel_disabled",
        message: `Channel ${channelId} is disabled in this worker.`,
        retryable: false,
      });
      return;
    }
    if (record.state === "sending" && !channel.resendSafe) {
      log.warn("found mid-send after a crash; the platform cannot tell whether it arrived");
      await fail(payload, "unknown", {
        code: "interrupted",
        message:
          "Sending was interrupted and Telegram cannot tell whether the message arrived: check the channel, then retry if it is missing.",
        retryable: true,
      });
      return;
    }
    if (article === null) {
      await fail(payload, "failed", {
        code: "article_deleted",
        message: "The article was deleted.",
        retryable: false,
      });
      return;
    }

    const started = await finish(payload, (current) => transition.startSending(current, generation, now()));
    if (!started.changed || started.delivery === null) return;
    const sending = started.delivery;
    await deps.publication.markPublic(articleId, now().getTime());

    try {
      const result = await channel.send({
        article,
        preview: renderPreview(article, formatOptions(deps.config)),
        progress: sending.progress ?? { postedIds: [] },
        saveProgress: async ({ postedIds }) => {
          await finish(payload, (current) => transition.saveProgress(current, generation, postedIds));
        },
      });
      if (result.pending === true) {
        log.info("fan-out started");
        return;
      }
      await finish(payload, (current) => transition.posted(current, generation, result, now()));
      await recordPosted(payload, sending);
      log.info({ remoteId: result.remoteId, alreadyPosted: result.alreadyPosted === true }, "posted");
    } catch (thrown) {
      const error =
        thrown instanceof ChannelError
          ? thrown
          : new ChannelError("transient", "unexpected", "Sending failed unexpectedly; it will be retried.");
      if (!(thrown instanceof ChannelError)) log.error({ err: thrown }, "unexpected error while sending");
      const attemptsLeft = (job.opts.attempts ?? 1) - (job.attemptsMade + 1);
      const decision = decide({
        kind: error.kind,
        resendSafe: channel.resendSafe,
        attemptsLeft,
        retryAfterMs: error.retryAfterMs,
      });
      log.warn({ kind: error.kind, code: error.code, action: decision.action }, "send failed");
      // Only a dead token or missing permission says something about the channel itself.
      if (error.kind === "auth") await deps.health.report(channelId, error);
      switch (decision.action) {
        case "posted":
          await finish(payload, (current) => transition.posted(current, generation, {}, now()));
          await recordPosted(payload, sending);
          return;
        case "wait":
          await finish(payload, (current) =>
            transition.requeue(current, generation, asDeliveryError(error, true), true, now()),
          );
          await deps.metrics.count("rate_limited", channelId);
          // Pauses the whole channel queue; the job goes back without spending an attempt.
          await deps.queues.get(channelId).rateLimit(decision.waitMs);
          throw new RateLimitError();
        case "retry":
          await finish(payload, (current) =>
            transition.requeue(current, generation, asDeliveryError(error, true), false, now()),
          );
          await deps.metrics.count("retried", channelId);
          throw error;
        case "unknown":
          await fail(payload, "unknown", asDeliveryError(error, true));
          return;
        case "fail":
          await fail(payload, "failed", asDeliveryError(error, decision.retryable));
          throw new UnrecoverableError(error.message);
      }
    }
  };

  async function recordPosted(payload: DeliverPayload, sending: DeliveryRecord) {
    const due = Date.parse(sending.scheduledFor ?? sending.queuedAt ?? sending.updatedAt);
    await Promise.all([
      deps.metrics.count("posted", payload.channel),
      deps.metrics.observeLatency(payload.channel, Math.max(0, (now().getTime() - due) / 1000)),
      deps.health.report(payload.channel, null),
    ]);
  }
}
