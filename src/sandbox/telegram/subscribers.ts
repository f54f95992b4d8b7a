import { randomBytes } from "node:crypto";
import type { SandboxPost } from "../types.js";
import type { CallbackQueryRecord, TelegramContext } from "./methods/context.js";
import type { TelegramUpdate } from "./updates.js";
import { chatObject, type SandboxChat, userOf } from "./world.js";

/** How long `settled()` waits by default for the webhook to take every update. */
export const DEFAULT_SETTLE_MS = 5_000;

export interface SandboxUserInput {
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

/**
 * People and groups the Telegram stand-in plays, for the bot's subscriber features: each call
 * queues the update Telegram would send (to getUpdates or the webhook) and changes how the chat
 * answers the bot's sends.
 */
export interface TelegramSubscribers {
  /** A new private user who has not written to the bot yet (sends to them → 403 "can't initiate"). */
  addUser(input?: SandboxUserInput): SandboxChat;
  /** The user writes `text` to the bot (`/start`, `/stop`, `/topics`, …); `/start` also unblocks. */
  send(userId: number, text: string): Promise<TelegramUpdate>;
  /** The user presses an inline button under one of the bot's messages. */
  press(userId: number, messageId: number, data: string): Promise<TelegramUpdate>;
  /** The user blocks the bot: `my_chat_member` (kicked) is queued; sends answer 403 "blocked". */
  block(userId: number, options?: { notify?: boolean }): TelegramUpdate | undefined;
  /** The account is deleted: sends answer 403 "user is deactivated". */
  deactivate(userId: number): void;
  /** A group the bot was added to. */
  addGroup(title?: string): { group: SandboxChat; update: TelegramUpdate };
  /** The group becomes a supergroup: sends to the old id answer 400 with `migrate_to_chat_id`. */
  upgradeGroup(groupId: number): SandboxChat;
  /** The bot is removed from a group: `my_chat_member` (kicked); sends answer 403. */
  kickFromGroup(groupId: number): TelegramUpdate;
  /** The bot's answer to a button press, once it answered. */
  callbackAnswer(queryId: string): CallbackQueryRecord["answer"];
  /** What the bot sent to a chat, newest first. */
  messagesTo(chatId: number): Promise<SandboxPost[]>;
  /** Updates not yet confirmed by getUpdates or taken by the webhook. */
  pendingUpdates(): TelegramUpdate[];
  /** Waits (bounded) until the webhook took every queued update; false on timeout. */
  settled(timeoutMs?: number): Promise<boolean>;
  chat(chatId: number): SandboxChat | undefined;
}

export function createSubscribers(context: TelegramContext): TelegramSubscribers {
  const { world, updates, state, options } = context;
  const now = () => Math.floor(options.clock() / 1000);
  const requireChat = (id: number, type?: SandboxChat["type"]) => {
    const chat = world.get(id);
    if (chat === undefined || (type !== undefined && chat.type !== type)) {
      throw new Error(`The sandbox has no ${type ?? ""} chat ${id}`);
    }
    return chat;
  };
  const memberUpdate = (chat: SandboxChat, from: SandboxChat | undefined, before: string, after: string) =>
    updates.enqueue({
      my_chat_member: {
        chat: chatObject(chat),
        from: from === undefined ? userOf(chat) : userOf(from),
        date: now(),
        old_chat_member: { user: world.bot, status: before },
        new_chat_member: { user: world.bot, status: after, ...(after === "kicked" ? { until_date: 0 } : {}) },
      },
    });

  return {
    addUser: (input = {}) => world.addUser(input),

    async send(userId, text) {
      const chat = requireChat(userId, "private");
      if (text.trim().startsWith("/start") && chat.blocked) {
        chat.blocked = false;
        memberUpdate(chat, undefined, "kicked", "member");
      }
      chat.started = true;
      const messageId = await state.nextId(`telegram:message:${chat.id}`);
      // telegraf's bot.command() needs the bot_command entity, as Telegram sends it.
      const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/u.exec(text);
      return updates.enqueue({
        message: {
          message_id: messageId,
          from: userOf(chat),
          chat: chatObject(chat),
          date: now(),
          text,
          ...(command === null
            ? {}
            : { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }),
        },
      });
    },

    async press(userId, messageId, data) {
      const chat = requireChat(userId, "private");
      const post = await state.get("telegram", `${chat.id}:${messageId}`);
      if (post === undefined) throw new Error(`The bot sent no message ${messageId} to ${userId}`);
      const id = randomBytes(8).readBigUInt64BE().toString();
      context.callbacks.set(id, { id, from: userId, data, issuedAt: options.clock() });
      return updates.enqueue({
        callback_query: {
          id,
          from: userOf(chat),
          chat_instance: `instance-${chat.id}`,
          data,
          message: {
            message_id: messageId,
            from: world.bot,
            chat: chatObject(chat),
            date: Math.floor(Date.parse(post.createdAt) / 1000),
            text: post.text,
            ...(post.replyMarkup === undefined ? {} : { reply_markup: post.replyMarkup }),
          },
        },
      });
    },

    block(userId, blockOptions = {}) {
      const chat = requireChat(userId, "private");
      chat.blocked = true;
      return blockOptions.notify === false ? undefined : memberUpdate(chat, undefined, "member", "kicked");
    },

    deactivate(userId) {
      requireChat(userId, "private").deactivated = true;
    },

    addGroup(title = "مجموعة تجريبية") {
      const group = world.addGroup(title);
      const admin = world.addUser({ firstName: "مشرف" });
      return { group, update: memberUpdate(group, admin, "left", "member") };
    },

    upgradeGroup(groupId) {
      return world.upgrade(requireChat(groupId, "group"));
    },

    kickFromGroup(groupId) {
      const group = requireChat(groupId);
      group.kicked = true;
      return memberUpdate(group, world.addUser({ firstName: "مشرف" }), "member", "kicked");
    },

    callbackAnswer: (queryId) => context.callbacks.get(queryId)?.answer,

    messagesTo: async (chatId) =>
      (await state.posts({ platform: "telegram" })).filter((post) => post.target === String(chatId)),

    pendingUpdates: () => updates.pending(),

    settled: (timeoutMs = DEFAULT_SETTLE_MS) => updates.settled(timeoutMs),

    chat: (chatId) => world.get(chatId),
  };
}
