/**
 * A broadcast worker in its own process, for the crash test: it is SIGKILLed mid-broadcast.
 * Env: REDIS_URL, KEY_PREFIX, QUEUE_PREFIX, TELEGRAM_URL, TELEGRAM_TOKEN, RATE.
 */
import { createTelegraf } from "../../../src/bot/telegram-client.js";
import { createLogger } from "../../../src/logger.js";
import { createRedisConnection, waitForReady } from "../../../src/queue/connection.js";
import { createDeliveryStore } from "../../../src/store/delivery-store.js";
import { createSubscriberStore } from "../../../src/store/subscriber-store.js";
import { startBroadcastWorker } from "../../../workers/broadcast-worker.js";

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

const logger = createLogger("info");
const connection = createRedisConnection(env("REDIS_URL"), "worker", "sada-test-broadcast-process");
await waitForReady(connection);
const keyPrefix = env("KEY_PREFIX");
const { worker } = startBroadcastWorker({
  connection,
  prefix: env("QUEUE_PREFIX"),
  keyPrefix,
  telegram: createTelegraf({ token: env("TELEGRAM_TOKEN"), apiRoot: env("TELEGRAM_URL") }).telegram,
  deliveries: createDeliveryStore(connection, keyPrefix),
  subscribers: createSubscriberStore(connection, keyPrefix),
  rate: Number(env("RATE")),
  logger,
  lockDuration: 2_000,
  stalledInterval: 1_000,
});
worker.on("completed", (job) => logger.info({ jobId: job.id }, "broadcast job done"));
await worker.waitUntilReady();
logger.info("broadcast process ready");
