import { type Config, configSecrets } from "../../config/index.js";
import { createLogger } from "../logger.js";
import { createRedisConnection, waitForReady } from "../queue/connection.js";
import { loadApiTokens } from "./api-tokens.js";
import { composeApi } from "./compose.js";
import { checkRedis, obtainRedis } from "./redis.js";

/** The API app in this process, without a server: for `npm run seed` when no service runs. */
export async function createInProcessApi(config: Config) {
  const logger = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, {
    secrets: configSecrets(config),
  });
  const { url, embedded } = await obtainRedis({
    redisUrl: config.REDIS_URL,
    dataDir: config.DATA_DIR,
    allowEmbedded: true,
    shareRunning: true,
    logger,
  });
  const redis = createRedisConnection(url, "api", "sada-seed");
  redis.on("error", () => {});
  await waitForReady(redis);
  await checkRedis(redis, logger);
  const tokens = loadApiTokens(config.API_TOKENS, config.DATA_DIR, () => {});
  const { app } = composeApi({ config, logger, redis, tokens });
  return {
    app,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
      await embedded?.stop();
    },
  };
}
