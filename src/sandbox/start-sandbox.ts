import type { Redis } from "ioredis";
import { createFacebookSandbox } from "./facebook/app.js";
import type { FacebookSandboxOptions } from "./facebook/options.js";
import { createFaults, type SandboxFaults } from "./faults.js";
import { listen, type RunningServer } from "./http-server.js";
import { createMemorySandboxState } from "./state/memory-state.js";
import { createRedisSandboxState } from "./state/redis-state.js";
import type { SandboxState } from "./state/state.js";
import { createTelegramSandbox } from "./telegram/app.js";
import type { TelegramSandboxOptions } from "./telegram/options.js";
import type { TelegramSubscribers } from "./telegram/subscribers.js";
import { createTwitterSandbox } from "./twitter/app.js";
import type { TwitterCredentials } from "./twitter/oauth.js";
import type { TwitterSandboxOptions } from "./twitter/options.js";
import type { SandboxPlatform, SandboxPost } from "./types.js";

export interface StartSandboxOptions {
  /** Where posts are kept: Redis (shared with the API process) unless `state` is given. */
  redis?: Redis;
  /** Key prefix in Redis; the sandbox adds `sandbox:` after it. */
  prefix?: string;
  state?: SandboxState;
  /** `port` 0 or absent = a free port chosen by the OS. */
  twitter?: TwitterSandboxOptions & { port?: number };
  telegram?: TelegramSandboxOptions & { port?: number };
  facebook?: FacebookSandboxOptions & { port?: number };
}

/** The fake credentials each stand-in accepts: hand them to the real clients. */
export interface SandboxCredentials {
  twitter: TwitterCredentials & { username: string };
  telegram: { token: string; channel: string; channelId: number; botUsername: string };
  facebook: { pageId: string; pageToken: string; version: string };
}

export interface Sandbox {
  /** Origins, e.g. `http://127.0.0.1:41234` (Telegram: the Bot API root, Facebook: the Graph origin). */
  urls: Record<SandboxPlatform, string>;
  credentials: SandboxCredentials;
  faults: SandboxFaults;
  /** Telegram users and groups played by the stand-in. */
  subscribers: TelegramSubscribers;
  state: SandboxState;
  /** Newest first. */
  posts(options?: { platform?: SandboxPlatform; limit?: number }): Promise<SandboxPost[]>;
  /** Forgets posts, faults, limits, chats and updates. */
  reset(): Promise<void>;
  /** Closes every server and ends long polls and webhook deliveries. */
  stop(): Promise<void>;
}

/** The Graph version the stand-in advertises (platforms.md: current v26.0); any vN.M path works. */
export const SANDBOX_GRAPH_VERSION = "v26.0";

/** Starts the three stand-ins on 127.0.0.1, each on its own port. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const state =
    options.state ??
    (options.redis === undefined
      ? createMemorySandboxState()
      : createRedisSandboxState({ redis: options.redis, prefix: options.prefix ?? "" }));
  const faults = createFaults();
  const twitter = createTwitterSandbox({ state, faults, options: options.twitter });
  const telegram = createTelegramSandbox({ state, faults, options: options.telegram });
  const facebook = createFacebookSandbox({ state, faults, options: options.facebook });

  const servers: RunningServer[] = [];
  try {
    servers.push(await listen(twitter.app.fetch, options.twitter?.port));
    servers.push(await listen(telegram.app.fetch, options.telegram?.port));
    servers.push(await listen(facebook.app.fetch, options.facebook?.port));
  } catch (error) {
    telegram.stop();
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
  const [twitterServer, telegramServer, facebookServer] = servers as [
    RunningServer,
    RunningServer,
    RunningServer,
  ];
  const telegramOptions = telegram.context.options;

  return {
    urls: { twitter: twitterServer.origin, telegram: telegramServer.origin, facebook: facebookServer.origin },
    credentials: {
      twitter: { ...twitter.options.credentials, username: twitter.options.username },
      telegram: {
        token: telegramOptions.token,
        channel: `@${telegramOptions.channel.username}`,
        channelId: telegramOptions.channel.id,
        botUsername: telegramOptions.botUsername,
      },
      facebook: {
        pageId: facebook.options.pageId,
        pageToken: facebook.options.pageToken,
        version: SANDBOX_GRAPH_VERSION,
      },
    },
    faults,
    subscribers: telegram.subscribers,
    state,
    posts: (query) => state.posts(query),
    async reset() {
      faults.clear();
      twitter.reset();
      telegram.reset();
      facebook.reset();
      await state.reset();
    },
    async stop() {
      telegram.stop();
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
