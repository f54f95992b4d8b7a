import { type Clock, createBuckets } from "../rate-limit.js";
import { tooManyRequests } from "./errors.js";
import type { TelegramLimits } from "./options.js";
import type { SandboxChat } from "./world.js";

const GLOBAL_KEY = "*";

/**
 * Telegram's flood control for sends: a bucket per private chat, a bucket per group or channel,
 * and one for the whole bot. Over any of them → 429 with `retry_after` in whole seconds.
 */
export function createSendLimits(limits: TelegramLimits, clock: Clock) {
  const privateChats = createBuckets(
    { capacity: limits.privateBurst, perSecond: limits.privatePerSecond },
    clock,
  );
  const groups = createBuckets(
    { capacity: limits.groupPerMinute, perSecond: limits.groupPerMinute / 60 },
    clock,
  );
  const global = createBuckets(
    { capacity: limits.globalPerSecond, perSecond: limits.globalPerSecond },
    clock,
  );

  return {
    /**
     * Spends one send for `chat`, or throws the 429 Telegram would answer. A paid broadcast
     * (`allow_paid_broadcast`) is exempt from the global limit (up to 1,000 msg/s, platforms.md).
     */
    spend(chat: SandboxChat, paidBroadcast = false): void {
      const perChat = chat.type === "private" ? privateChats : groups;
      const key = String(chat.id);
      const waitMs = Math.max(perChat.waitMs(key), paidBroadcast ? 0 : global.waitMs(GLOBAL_KEY));
      if (waitMs > 0) throw tooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)));
      perChat.take(key);
      if (!paidBroadcast) global.take(GLOBAL_KEY);
    },
    clear() {
      privateChats.clear();
      groups.clear();
      global.clear();
    },
  };
}

export type SendLimits = ReturnType<typeof createSendLimits>;
