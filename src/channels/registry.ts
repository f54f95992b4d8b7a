import type { Config } from "../../config/index.js";
import type { ChannelId, ChannelMode } from "../domain/channel.js";
import type { SandboxCredentials } from "../sandbox/start-sandbox.js";
import type { SandboxPlatform } from "../sandbox/types.js";
import type { PublicationIndex } from "../store/publication-index.js";
import type { Channel } from "./channel.js";
import { createFacebookChannel } from "./facebook/create-facebook-channel.js";
import { createRssChannel } from "./rss/create-rss-channel.js";
import { createTelegramChannel } from "./telegram/create-telegram-channel.js";
import { createTwitterChannel } from "./twitter/create-twitter-channel.js";

/** The channels this process can send to; a disabled channel is absent. A plain typed record. */
export type ChannelRegistry = Partial<Record<ChannelId, Channel>>;

/** Where sandboxed channels go: the stand-ins' origins and the fake credentials they accept. */
export interface SandboxTarget {
  urls: Record<SandboxPlatform, string>;
  credentials: SandboxCredentials;
}

export interface RegistryDeps {
  config: Config;
  modes: Record<ChannelId, ChannelMode>;
  /** Required when any channel runs in sandbox mode. */
  sandbox: SandboxTarget | null;
  publication: PublicationIndex;
  /** The bot's fan-out channel, built by the bot module with its own dependencies. */
  telegramBot?: (target: { token: string; apiRoot: string; mode: ChannelMode }) => Channel;
}

function requireSandbox(deps: Pick<RegistryDeps, "sandbox">): SandboxTarget {
  if (deps.sandbox === null) throw new Error("a channel runs in sandbox mode but no sandbox was started");
  return deps.sandbox;
}

/** Where the bot token and Bot API root come from: the config when live, the sandbox otherwise. */
export function telegramTargetOf(deps: Pick<RegistryDeps, "config" | "modes" | "sandbox">) {
  const { config, modes } = deps;
  if (modes.telegram === "live" || modes["telegram-bot"] === "live") {
    return {
      token: config.TELEGRAM_BOT_TOKEN ?? "",
      apiRoot: config.TELEGRAM_API_URL,
      channel: config.TELEGRAM_CHANNEL ?? "",
    };
  }
  if (modes.telegram === "sandbox" || modes["telegram-bot"] === "sandbox") {
    const sandbox = requireSandbox(deps);
    return {
      token: sandbox.credentials.telegram.token,
      apiRoot: sandbox.urls.telegram,
      channel: sandbox.credentials.telegram.channel,
    };
  }
  return null;
}

/** Builds every enabled channel: live with the configured credentials, else against the sandbox. */
export function createChannelRegistry(deps: RegistryDeps): ChannelRegistry {
  const { config, modes } = deps;
  const registry: ChannelRegistry = {};

  if (modes.twitter === "live") {
    registry.twitter = createTwitterChannel({
      mode: "live",
      apiUrl: config.TWITTER_API_URL,
      credentials: {
        appKey: config.TWITTER_APP_KEY ?? "",
        appSecret: config.TWITTER_APP_SECRET ?? "",
        accessToken: config.TWITTER_ACCESS_TOKEN ?? "",
        accessSecret: config.TWITTER_ACCESS_SECRET ?? "",
      },
    });
  } else if (modes.twitter === "sandbox") {
    const sandbox = requireSandbox(deps);
    const { username, ...credentials } = sandbox.credentials.twitter;
    registry.twitter = createTwitterChannel({
      mode: "sandbox",
      apiUrl: sandbox.urls.twitter,
      credentials,
      username,
    });
  }

  const telegramTarget = telegramTargetOf(deps);
  if (telegramTarget !== null && modes.telegram !== "disabled") {
    registry.telegram = createTelegramChannel({ mode: modes.telegram, ...telegramTarget });
  }
  if (telegramTarget !== null && modes["telegram-bot"] !== "disabled" && deps.telegramBot !== undefined) {
    registry["telegram-bot"] = deps.telegramBot({
      token: telegramTarget.token,
      apiRoot: telegramTarget.apiRoot,
      mode: modes["telegram-bot"],
    });
  }

  if (modes.facebook === "live") {
    registry.facebook = createFacebookChannel({
      mode: "live",
      pageId: config.FACEBOOK_PAGE_ID ?? "",
      pageToken: config.FACEBOOK_PAGE_TOKEN ?? "",
      graphUrl: config.FACEBOOK_GRAPH_URL,
      version: config.FACEBOOK_GRAPH_VERSION,
    });
  } else if (modes.facebook === "sandbox") {
    const sandbox = requireSandbox(deps);
    registry.facebook = createFacebookChannel({
      mode: "sandbox",
      pageId: sandbox.credentials.facebook.pageId,
      pageToken: sandbox.credentials.facebook.pageToken,
      graphUrl: sandbox.urls.facebook,
      version: sandbox.credentials.facebook.version,
    });
  }

  registry.rss = createRssChannel({ publication: deps.publication, publicUrl: config.publicUrl });
  return registry;
}
