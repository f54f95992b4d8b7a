import type { Config } from "../../config/index.js";
import { CHANNEL_IDS, type ChannelId, type ChannelMode } from "../domain/channel.js";

export interface ChannelStatus {
  id: ChannelId;
  mode: ChannelMode;
  ok: boolean;
  lastError?: { code: string; message: string; at: string };
}

/** The credentials each platform channel needs to run live. */
function hasCredentials(config: Config, channel: ChannelId): boolean {
  switch (channel) {
    case "twitter":
      return config.TWITTER_APP_KEY !== undefined;
    case "telegram":
      return config.TELEGRAM_BOT_TOKEN !== undefined && config.TELEGRAM_CHANNEL !== undefined;
    case "telegram-bot":
      return config.TELEGRAM_BOT_TOKEN !== undefined;
    case "facebook":
      return config.FACEBOOK_PAGE_ID !== undefined;
    case "rss":
      return true;
  }
}

/**
 * How each channel runs: live with credentials; otherwise the sandbox in `SANDBOX=auto`, or
 * disabled in `SANDBOX=off`. RSS is Sada's own feed and is always live. (parseEnv already refused
 * half-set credentials, so "has the first credential" means "has them all".)
 */
export function channelModes(config: Config): Record<ChannelId, ChannelMode> {
  const modes = {} as Record<ChannelId, ChannelMode>;
  for (const channel of CHANNEL_IDS) {
    modes[channel] = hasCredentials(config, channel)
      ? "live"
      : config.SANDBOX === "auto"
        ? "sandbox"
        : "disabled";
  }
  return modes;
}
