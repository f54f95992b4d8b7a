import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "../../config/index.js";
import type { ApiToken } from "../api/auth.js";
import { createApp } from "../app.js";
import { channelModes, statusesFromModes } from "../channels/status.js";
import { createArticleStore } from "../store/article-store.js";

/** Redis key prefix and BullMQ prefix of a normal install; tests pass their own. */
export const DEFAULT_KEY_PREFIX = "sada:";
export const DEFAULT_QUEUE_PREFIX = "sada-bull";

export interface ComposeOptions {
  config: Config;
  logger: Logger;
  /** The API's fail-fast connection. */
  redis: Redis;
  tokens: readonly ApiToken[];
  keyPrefix?: string;
}

/** Wires the HTTP app from real dependencies: the one composition used by main, seed and tests. */
export function composeApi(options: ComposeOptions) {
  const { config, logger, redis } = options;
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const store = createArticleStore(redis, { prefix: keyPrefix, publicUrl: config.publicUrl });
  const modes = channelModes(config);
  const app = createApp({
    config,
    logger,
    redis,
    tokens: options.tokens,
    articles: { store, deliveries: { list: async () => [] } },
    channels: { modes: () => modes, statuses: async () => statusesFromModes(modes) },
  });
  return { app, store, modes };
}
