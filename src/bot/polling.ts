import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type Telegram, TelegramError } from "telegraf";
import { networkCode } from "../channels/network-errors.js";
import type { UpdateInbox } from "./update-inbox.js";

/** One long poll waits at most this long (Telegram allows 50 s). */
export const POLL_TIMEOUT_SECONDS = 25;
/** Only one process may poll (Telegram answers a second poller 409): a lease in Redis. */
export const POLL_LEASE_MS = 60_000;
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;
const MAX_BACKOFF_MS = 30_000;

/** telegraf types its signal with the old `abort-controller` shim; Node's own works the same at run time. */
type TelegrafSignal = NonNullable<NonNullable<Parameters<Telegram["callApi"]>[2]>["signal"]>;
const telegrafSignal = (signal: AbortSignal) => signal as unknown as TelegrafSignal;

export interface PollingOptions {
  telegram: Telegram;
  inbox: UpdateInbox;
  redis: Redis;
  prefix: string;
  logger: Logger;
  timeoutSeconds?: number;
}

export interface Polling {
  /** Ends the current long poll and the loop; resolves when it has stopped. */
  stop(): Promise<void>;
}

/**
 * Long polling (`getUpdates`) when no webhook secret is set. Updates go to the same inbox as the
 * webhook's; the offset is confirmed (and saved in Redis) only after they are queued, so a crash
 * re-reads them and the job ids drop the repeats. Bounded: every wait is abortable.
 */
export function startPolling(options: PollingOptions): Polling {
  const controller = new AbortController();
  const { signal } = controller;
  const owner = randomBytes(8).toString("hex");
  const leaseKey = `${options.prefix}bot:poller`;
  const offsetKey = `${options.prefix}bot:poll-offset`;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });

  /** Takes or renews the lease; false while another process holds it. */
  const lease = async () => {
    const taken = await options.redis.set(leaseKey, owner, "PX", POLL_LEASE_MS, "NX");
    if (taken === "OK") return true;
    if ((await options.redis.get(leaseKey)) !== owner) return false;
    await options.redis.pexpire(leaseKey, POLL_LEASE_MS);
    return true;
  };

  async function loop() {
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (!(await lease())) {
          await sleep(POLL_LEASE_MS / 4);
          continue;
        }
        const offset = Number((await options.redis.get(offsetKey)) ?? 0);
        const updates = await options.telegram.callApi(
          "getUpdates",
          {
            offset,
            timeout: options.timeoutSeconds ?? POLL_TIMEOUT_SECONDS,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          { signal: telegrafSignal(signal) },
        );
        for (const update of updates) {
          await options.inbox.accept(update as unknown as { update_id: number });
          await options.redis.set(offsetKey, String(update.update_id + 1));
        }
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        // Never String(error): node-fetch puts the request URL, with the bot token, in its message.
        const summary =
          error instanceof TelegramError
            ? `${error.code} ${error.description}`
            : `${error instanceof Error ? error.name : "error"} ${networkCode(error) ?? ""}`.trim();
        options.logger.warn({ err: summary, failures }, "telegram long poll failed");
        await sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 6)));
      }
    }
    // Let another process take over at once.
    if ((await options.redis.get(leaseKey).catch(() => null)) === owner)
      await options.redis.del(leaseKey).catch(() => 0);
  }

  const running = loop();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
