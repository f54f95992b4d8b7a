/** The channels an article can be echoed to. The order is the default publishing order. */
export const CHANNEL_IDS = ["twitter", "telegram", "telegram-bot", "facebook", "rss"] as const;

export type ChannelId = (typeof CHANNEL_IDS)[number];

export function isChannelId(value: unknown): value is ChannelId {
  return typeof value === "string" && (CHANNEL_IDS as readonly string[]).includes(value);
}

/** How a channel runs in this process: real credentials, the local stand-in, or not at all. */
export type ChannelMode = "live" | "sandbox" | "disabled";
