import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { SandboxFaults } from "../faults.js";
import { dropConnection, type SandboxEnv, sleep } from "../http-server.js";
import type { SandboxState } from "../state/state.js";
import { badRequest, notFound, TelegramApiError, tooManyRequests, unauthorized } from "./errors.js";
import { createSendLimits } from "./limits.js";
import * as bot from "./methods/bot.js";
import {
  type CallbackQueryRecord,
  type MethodHandler,
  POSTING_METHODS,
  type TelegramContext,
} from "./methods/context.js";
import * as messages from "./methods/messages.js";
import * as updateMethods from "./methods/updates.js";
import { resolveTelegramOptions, type TelegramSandboxOptions } from "./options.js";
import { readParams } from "./params.js";
import { createSubscribers, type TelegramSubscribers } from "./subscribers.js";
import { createUpdateQueue } from "./updates.js";
import { createWorld } from "./world.js";

/** Bot API method names are case-insensitive. */
const METHODS: Record<string, MethodHandler> = Object.fromEntries(
  Object.entries({ ...bot, ...messages, ...updateMethods })
    .filter((entry): entry is [string, MethodHandler] => typeof entry[1] === "function")
    .map(([name, handler]) => [name.toLowerCase(), handler]),
);

export interface TelegramSandbox {
  app: Hono<SandboxEnv>;
  context: TelegramContext;
  subscribers: TelegramSubscribers;
  reset(): void;
  /** Ends long polls and webhook deliveries. */
  stop(): void;
}

export function createTelegramSandbox(deps: {
  state: SandboxState;
  faults: SandboxFaults;
  options?: TelegramSandboxOptions;
}): TelegramSandbox {
  const options = resolveTelegramOptions(deps.options);
  const context: TelegramContext = {
    options,
    world: createWorld(options),
    updates: createUpdateQueue(options),
    limits: createSendLimits(options.limits, options.clock),
    state: deps.state,
    callbacks: new Map<string, CallbackQueryRecord>(),
    commands: new Map(),
  };
  const app = new Hono<SandboxEnv>();

  const answerError = (error: TelegramApiError) =>
    Response.json(
      {
        ok: false,
        error_code: error.code,
        description: error.description,
        ...(error.parameters === undefined ? {} : { parameters: error.parameters }),
      },
      { status: error.code as ContentfulStatusCode },
    );

  app.all("*", async (c) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec(new URL(c.req.url).pathname);
    if (match === null) return answerError(notFound());
    const [, token, methodName = ""] = match;
    if (token !== options.token) return answerError(unauthorized());
    const method = methodName.toLowerCase();
    const handler = METHODS[method];
    if (handler === undefined) return answerError(notFound());

    let drop = false;
    if (POSTING_METHODS.has(method)) {
      const decision = deps.faults.take("telegram");
      await sleep(decision.latencyMs);
      switch (decision.fault?.kind) {
        case "5xx":
          // telegraf ignores a 5xx body and reports the status text (platforms.md).
          return c.json({ ok: false, error_code: 502, description: "Bad Gateway" }, 502);
        case "429":
          return answerError(tooManyRequests(decision.fault.retryAfter));
        case "dead-token":
          return answerError(unauthorized());
        case "reject":
          return answerError(badRequest("message can't be edited or sent"));
        case "accept-then-drop":
          drop = true;
          break;
        default:
          break;
      }
    }

    try {
      const params = await readParams(c.req.raw);
      const result = await handler(context, params);
      if (drop) return dropConnection(c);
      return c.json({ ok: true, result });
    } catch (error) {
      if (error instanceof TelegramApiError) return answerError(error);
      throw error;
    }
  });

  return {
    app,
    context,
    subscribers: createSubscribers(context),
    reset() {
      context.world.reset();
      context.updates.reset();
      context.limits.clear();
      context.callbacks.clear();
      context.commands.clear();
    },
    stop() {
      context.updates.stop();
    },
  };
}
