import type { ChannelId } from "../domain/channel.js";

/**
 * Queue names. One queue per channel, so a rate-limited platform pauses only its own queue
 * (BullMQ's limiter is per queue). Names may not contain ':'.
 */
export const deliveryQueueName = (channel: ChannelId) => `deliver-${channel}`;

/** The bot's fan-out: one job per (article, subscriber). */
export const BROADCAST_QUEUE = "broadcast";

/** Telegram updates handed over by the webhook, processed off the request path. */
export const TELEGRAM_UPDATES_QUEUE = "telegram-updates";
