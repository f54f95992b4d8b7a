import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "../config/index.js";
import type { AppEnv } from "./api/app-env.js";
import { type ArticleRoutesDeps, articleRoutes } from "./api/articles/routes.js";
import { type ApiToken, bearerAuth } from "./api/auth.js";
import { createErrorHandler, notFoundHandler } from "./api/error-handler.js";
import { healthRoutes } from "./api/health.js";
import { apiRateLimit } from "./api/rate-limit.js";
import { MAX_BODY_BYTES } from "./api/read-body.js";
import type { ChannelStatus } from "./channels/status.js";
import type { ChannelMode } from "./domain/channel.js";
import { SadaError } from "./domain/errors.js";
import { isRedisUsable } from "./queue/connection.js";

/** A public sub-app; its own context variables are its business (the sandbox viewer sets none). */
// biome-ignore lint/suspicious/noExplicitAny: sub-apps of any Env mount at the root
export type PublicRoutes = Hono<any>;

export interface AppDeps {
  config: Config;
  logger: Logger;
  /** The API's Redis connection (fails fast when Redis is down). */
  redis: Redis;
  tokens: readonly ApiToken[];
  articles: Omit<ArticleRoutesDeps, "config">;
  channels: { modes(): Record<string, ChannelMode>; statuses(): Promise<ChannelStatus[]> };
  /** Sub-apps mounted under `/api` (behind the token) and at the root (public), by later features. */
  apiRoutes?: readonly { path: string; app: Hono<AppEnv> }[];
  publicRoutes?: readonly PublicRoutes[];
}

/** Builds the HTTP app from its dependencies; no I/O happens here. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler({ logger: deps.logger, redisReady: () => isRedisUsable(deps.redis) }));
  app.notFound(notFoundHandler);

  app.use("*", async (c, next) => {
    c.set("logger", deps.logger);
    const started = performance.now();
    await next();
    deps.logger.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.use("*", secureHeaders({ crossOriginResourcePolicy: false }));
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new SadaError(413, "payload_too_large", "The body is larger than 1 MiB.");
      },
    }),
  );

  // Every /api/* route needs the token, whichever sub-app serves it (the sandbox viewer's JSON too).
  app.use("/api/*", bearerAuth(deps.tokens));
  app.use("/api/*", apiRateLimit(deps.config.API_RATE_LIMIT));
  app.route("/", healthRoutes({ redis: deps.redis, channelModes: deps.channels.modes }));
  for (const routes of deps.publicRoutes ?? []) app.route("/", routes);

  const api = new Hono<AppEnv>();
  api.route("/articles", articleRoutes({ config: deps.config, ...deps.articles }));
  api.get("/channels", async (c) => c.json({ channels: await deps.channels.statuses() }));
  for (const { path, app: routes } of deps.apiRoutes ?? []) api.route(path, routes);
  app.route("/api", api);

  return app;
}
