import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { Telegraf } from "telegraf";

export interface TelegramClientOptions {
  token: string;
  /** `TELEGRAM_API_URL` or the sandbox's Bot API root. */
  apiRoot: string;
  /** Sockets kept open to the Bot API; a broadcast keeps about rate × latency busy. */
  maxSockets?: number;
}

/**
 * A telegraf instance pointed at `apiRoot`. telegraf drops its keep-alive agent for an http://
 * root (client.js: `agent = undefined`), which would open a connection per message of a
 * broadcast; we always pass a keep-alive agent. `webhookReply: false`: every call is a real
 * request whose answer we read (the reply-in-webhook shortcut hides errors and we answer the
 * webhook before handling anyway).
 */
export function createTelegraf(options: TelegramClientOptions): Telegraf {
  const agentOptions = { keepAlive: true, keepAliveMsecs: 10_000, maxSockets: options.maxSockets ?? 64 };
  const agent = options.apiRoot.startsWith("http://")
    ? new HttpAgent(agentOptions)
    : new HttpsAgent(agentOptions);
  const apiRoot = options.apiRoot.endsWith("/") ? options.apiRoot : `${options.apiRoot}/`;
  return new Telegraf(options.token, { telegram: { apiRoot, agent, webhookReply: false } });
}
