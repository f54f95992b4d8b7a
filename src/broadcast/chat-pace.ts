import type { Redis } from "ioredis";

/**
 * At most one message at a time per chat (platforms.md, Telegram "Rates": about 1 message/s to a
 * private chat, 20/min to a group). Two articles broadcast together would otherwise hit one
 * reader twice in the same second; the second job waits for the chat's gap instead.
 */
export const PRIVATE_CHAT_GAP_MS = 1_000;
export const GROUP_CHAT_GAP_MS = 3_000;

/** Negative ids are groups, supergroups and channels (Bot API: chat id sign). */
export const chatGapMs = (chatId: string) =>
  chatId.startsWith("-") ? GROUP_CHAT_GAP_MS : PRIVATE_CHAT_GAP_MS;

export function createChatPace(redis: Redis, prefix: string) {
  const key = (chatId: string) => `${prefix}bc:chat-pace:${chatId}`;
  return {
    /** Takes the chat's slot; returns 0, or how many ms until the chat may be written to again. */
    async take(chatId: string): Promise<number> {
      const taken = await redis.set(key(chatId), "1", "PX", chatGapMs(chatId), "NX");
      if (taken === "OK") return 0;
      const left = await redis.pttl(key(chatId));
      return left > 0 ? left : 1;
    },
    /** Telegram did not take the message (429, migrated): the slot was not used. */
    async release(chatId: string): Promise<void> {
      await redis.del(key(chatId));
    },
  };
}

export type ChatPace = ReturnType<typeof createChatPace>;
