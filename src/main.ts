import { serve } from "@hono/node-server";
import type { Redis } from "ioredis";
import { type Config, ConfigError, configSecrets, loadConfig } from "../config/index.js";
import { loadApiTokens } from "./boot/api-tokens.js";
import { composeApi, redisPrefixes } from "./boot/compose.js";
import { composeWorker } from "./boot/compose-worker.js";
import { BootError, checkRedis, obtainRedis } from "./boot/redis.js";
import { startSandboxIfNeeded } from "./boot/sandbox.js";
import { type Closer, closeAll, onSignals } from "./boot/shutdown.js";
import { channelModes } from "./channels/status.js";
import { createLogger } from "./logger.js";
import { createRedisConnection, waitForReady } from "./queue/connection.js";
import { RedisServerMissingError } from "./redis/embedded-redis.js";
import { freePort } from "./redis/free-port.js";

type Role = "all" | "api" | "worker";

function parseRole(value: string | undefined): Role {
  if (value === "all" || value === "api" || value === "worker") return value;
  throw new BootError(`Unknown role ${value ?? "(none)"}: use all, api or worker`);
}

/** `PORT=0` means any free port; it is chosen before the config is built so PUBLIC_URL can name it. */
async function resolvePort(source: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  if (source.PORT !== "0") return source;
  return { ...source, PORT: String(await freePort(source.HOST ?? "127.0.0.1")) };
}

async function main(): Promise<void> {
  const role = parseRole(process.argv[2]);
  const config: Config = loadConfig(await resolvePort(process.env));
  const logger = createLogger(config.LOG_LEVEL, { secrets: configSecrets(config) });
  const closers: Closer[] = [];

  const { url: redisUrl, embedded } = await obtainRedis({
    redisUrl: config.REDIS_URL,
    dataDir: config.DATA_DIR,
    allowEmbedded: role === "all",
    logger,
  });
  const connections: Redis[] = [];
  const connect = (kind: "api" | "worker" | "producer") => {
    const connection = createRedisConnection(redisUrl, kind);
    connection.on("error", () => {}); // reconnects on its own; readiness is checked where it matters
    connections.push(connection);
    return connection;
  };
  const redis = connect("api");
  await waitForReady(redis);
  await checkRedis(redis, logger);
  const modes = channelModes(config);
  const prefixes = redisPrefixes(config);

  if (role === "all" || role === "worker") {
    const workerRedis = connect("worker");
    const started = await startSandboxIfNeeded({
      modes,
      redis: workerRedis,
      keyPrefix: prefixes.keyPrefix,
      logger,
    });
    if (started !== null) closers.push({ name: "sandbox", close: () => started.sandbox.stop() });
    const worker = composeWorker({
      config,
      logger,
      redis: workerRedis,
      ...prefixes,
      sandbox: started?.target ?? null,
      lockDurationMs: config.WORKER_LOCK_MS,
    });
    await worker.start();
    // Workers close first: they stop taking jobs and let running ones finish (bounded).
    closers.unshift({ name: "workers", close: () => worker.close() });
  }

  if (role === "all" || role === "api") {
    const tokens = loadApiTokens(config.API_TOKENS, config.DATA_DIR, (token, file) => {
      // Printed once, at generation, on stdout only; never logged.
      process.stdout.write(
        `\nGenerated an API token (stored in ${file}):\n\n  Authorization: Bearer ${token.token}\n\n`,
      );
    });
    const api = composeApi({ config, logger, redis, tokens, ...prefixes });
    const app = api.app;
    closers.push({ name: "queues", close: api.close });
    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
    await new Promise<void>((resolve, reject) => {
      server.once("listening", () => resolve());
      // A taken port or an address this machine does not have: one line naming the variable.
      server.once("error", (error: NodeJS.ErrnoException) => {
        const variable = error.code === "EADDRINUSE" || error.code === "EACCES" ? "PORT" : "HOST";
        reject(
          new BootError(
            `Invalid ${variable}: cannot listen on ${config.HOST}:${config.PORT} (${error.code ?? error.message})`,
          ),
        );
      });
    });
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : config.PORT;
    logger.info(
      { url: `http://${config.HOST}:${port}`, publicUrl: config.publicUrl, channels: modes },
      "api listening",
    );
    closers.unshift({
      name: "http",
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    });
  }

  closers.push({
    name: "redis connections",
    close: async () => void (await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())))),
  });
  if (embedded !== null) closers.push({ name: "embedded redis", close: () => embedded.stop() });

  onSignals(async (signal) => {
    logger.info({ signal }, "shutting down");
    const clean = await closeAll(closers, config.SHUTDOWN_TIMEOUT_MS, logger);
    logger.info({ clean }, "stopped");
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  // One clear line for what the operator can fix; a stack only for what they cannot.
  if (
    error instanceof ConfigError ||
    error instanceof BootError ||
    error instanceof RedisServerMissingError
  ) {
    process.stderr.write(`sada: ${error.message}\n`);
  } else {
    process.stderr.write(
      `sada: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
