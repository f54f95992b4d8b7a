import { conflict } from "./errors.js";
import { type ResolvedTelegramOptions, TELEGRAM_MAX_UPDATES } from "./options.js";

/** A Bot API `Update`: `update_id` plus one payload field (message, callback_query, …). */
export type TelegramUpdate = { update_id: number } & Record<string, unknown>;

export interface WebhookSettings {
  url: string;
  secretToken?: string | undefined;
  allowedUpdates?: string[] | undefined;
}

export interface WebhookStatus {
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

/** The header Telegram sends with every webhook call when a secret_token was set. */
export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

interface Waiter {
  resolve(updates: TelegramUpdate[]): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

/**
 * Updates the bot has not confirmed yet, handed out by long polling (`getUpdates`) or pushed to a
 * webhook. As Telegram: one or the other, never both; a second poller ends the first with 409.
 */
export function createUpdateQueue(options: ResolvedTelegramOptions) {
  let pending: TelegramUpdate[] = [];
  let nextId = 1;
  let webhook: WebhookSettings | undefined;
  let status: WebhookStatus = {};
  let waiter: Waiter | undefined;
  let delivering: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let endRetryWait: (() => void) | undefined;
  let stopped = false;

  const wakePoller = () => {
    if (waiter === undefined || pending.length === 0) return;
    const current = waiter;
    waiter = undefined;
    clearTimeout(current.timer);
    current.resolve(pending.slice(0, TELEGRAM_MAX_UPDATES));
  };

  const postOne = async (settings: WebhookSettings, update: TelegramUpdate): Promise<boolean> => {
    try {
      const response = await fetch(settings.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(settings.secretToken === undefined ? {} : { [SECRET_HEADER]: settings.secretToken }),
        },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(options.webhookTimeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return true;
      status = {
        lastErrorDate: Math.floor(options.clock() / 1000),
        lastErrorMessage: `Wrong response from the webhook: ${response.status} ${response.statusText}`,
      };
    } catch (error) {
      status = {
        lastErrorDate: Math.floor(options.clock() / 1000),
        lastErrorMessage: error instanceof Error ? error.message : "Connection failed",
      };
    }
    return false;
  };

  /** Pushes pending updates in order; an update that keeps failing is dropped after N attempts. */
  const deliver = async () => {
    const attempts = new Map<number, number>();
    while (!stopped && webhook !== undefined && pending.length > 0) {
      const settings = webhook;
      const update = pending[0];
      if (update === undefined) break;
      if (await postOne(settings, update)) {
        pending = pending.filter((item) => item.update_id !== update.update_id);
        continue;
      }
      const tries = (attempts.get(update.update_id) ?? 0) + 1;
      attempts.set(update.update_id, tries);
      if (tries >= options.webhookAttempts) {
        pending = pending.filter((item) => item.update_id !== update.update_id);
        continue;
      }
      await new Promise<void>((resolve) => {
        endRetryWait = resolve;
        retryTimer = setTimeout(resolve, options.webhookRetryMs);
      });
      endRetryWait = undefined;
    }
  };

  const kick = () => {
    if (webhook === undefined || delivering !== undefined || stopped) return;
    delivering = deliver().finally(() => {
      delivering = undefined;
      if (webhook !== undefined && pending.length > 0 && !stopped) kick();
    });
  };

  return {
    enqueue(payload: Record<string, unknown>): TelegramUpdate {
      const update: TelegramUpdate = { update_id: nextId++, ...payload };
      pending.push(update);
      wakePoller();
      kick();
      return update;
    },
    pending(): TelegramUpdate[] {
      return [...pending];
    },
    /**
     * getUpdates: confirms everything below `offset`, then answers at once when updates are
     * waiting, or after at most `timeoutSeconds` (bounded by maxPollSeconds).
     */
    poll(offset: number | undefined, limit: number, timeoutSeconds: number): Promise<TelegramUpdate[]> {
      if (webhook !== undefined) {
        throw conflict(
          "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      }
      if (offset !== undefined && offset > 0)
        pending = pending.filter((update) => update.update_id >= offset);
      const size = Math.min(Math.max(limit, 1), TELEGRAM_MAX_UPDATES);
      if (pending.length > 0 || timeoutSeconds <= 0 || stopped)
        return Promise.resolve(pending.slice(0, size));
      if (waiter !== undefined) {
        const previous = waiter;
        waiter = undefined;
        clearTimeout(previous.timer);
        previous.reject(
          conflict("terminated by other getUpdates request; make sure that only one bot instance is running"),
        );
      }
      const waitMs = Math.min(timeoutSeconds, options.maxPollSeconds) * 1000;
      return new Promise((resolve, reject) => {
        const entry: Waiter = {
          resolve: (updates) => resolve(updates.slice(0, size)),
          reject,
          timer: setTimeout(() => {
            if (waiter === entry) waiter = undefined;
            resolve([]);
          }, waitMs),
        };
        waiter = entry;
      });
    },
    setWebhook(settings: WebhookSettings) {
      webhook = settings;
      status = {};
      if (waiter !== undefined) {
        const previous = waiter;
        waiter = undefined;
        clearTimeout(previous.timer);
        previous.resolve([]);
      }
      kick();
    },
    deleteWebhook(dropPending: boolean) {
      webhook = undefined;
      status = {};
      if (dropPending) pending = [];
    },
    webhook(): (WebhookSettings & WebhookStatus) | undefined {
      return webhook === undefined ? undefined : { ...webhook, ...status };
    },
    /** Resolves once the webhook has taken every pending update, or after `timeoutMs`. */
    async settled(timeoutMs: number): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (webhook === undefined || pending.length === 0) {
          if (delivering === undefined) return true;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return false;
    },
    reset() {
      pending = [];
      webhook = undefined;
      status = {};
    },
    /** Ends a waiting long poll and stops delivering; nothing is left running. */
    stop() {
      stopped = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      endRetryWait?.();
      if (waiter !== undefined) {
        const previous = waiter;
        waiter = undefined;
        clearTimeout(previous.timer);
        previous.resolve([]);
      }
    },
  };
}

export type UpdateQueue = ReturnType<typeof createUpdateQueue>;
