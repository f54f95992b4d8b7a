import type { ResolvedTelegramOptions } from "./options.js";

export type ChatType = "private" | "group" | "supergroup" | "channel";

/** A chat the stand-in knows, with how the bot stands in it. */
export interface SandboxChat {
  id: number;
  type: ChatType;
  title?: string | undefined;
  username?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  languageCode?: string | undefined;
  /** Private chats: the user has written to the bot (a bot cannot start a conversation). */
  started: boolean;
  blocked: boolean;
  deactivated: boolean;
  /** Groups: the bot was removed. */
  kicked: boolean;
  /** A group upgraded to a supergroup answers with the new id. */
  migratedTo?: number | undefined;
}

/** Bot API `User` */
export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** Bot API `Chat` */
export interface TelegramChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

/** Private user ids, group ids and supergroup ids count from here, like Telegram's ranges. */
const FIRST_USER_ID = 100_000_001;
const FIRST_GROUP_ID = -4_000_000_001;
const FIRST_SUPERGROUP_ID = -1_002_000_000_001;

/** The chats, users and the bot the Telegram stand-in plays, kept in the process that runs it. */
export function createWorld(options: ResolvedTelegramOptions) {
  const chats = new Map<number, SandboxChat>();
  let nextUser = FIRST_USER_ID;
  let nextGroup = FIRST_GROUP_ID;
  let nextSupergroup = FIRST_SUPERGROUP_ID;

  const bot: TelegramUser = {
    id: options.botId,
    is_bot: true,
    first_name: options.botName,
    username: options.botUsername,
  };

  const seed = () => {
    chats.clear();
    chats.set(options.channel.id, {
      id: options.channel.id,
      type: "channel",
      title: options.channel.title,
      username: options.channel.username,
      started: true,
      blocked: false,
      deactivated: false,
      kicked: false,
    });
  };
  seed();

  return {
    bot,
    /** Resolves a `chat_id` parameter: a number, a numeric string or `@username`. */
    resolve(chatId: unknown): SandboxChat | undefined {
      if (typeof chatId === "string" && chatId.startsWith("@")) {
        const name = chatId.slice(1).toLowerCase();
        return [...chats.values()].find((chat) => chat.username?.toLowerCase() === name);
      }
      const id = typeof chatId === "number" ? chatId : Number(chatId);
      return Number.isSafeInteger(id) ? chats.get(id) : undefined;
    },
    get(id: number): SandboxChat | undefined {
      return chats.get(id);
    },
    addUser(input: { firstName?: string; lastName?: string; username?: string; languageCode?: string }) {
      const id = nextUser++;
      const chat: SandboxChat = {
        id,
        type: "private",
        firstName: input.firstName ?? `مشترك ${id - FIRST_USER_ID + 1}`,
        lastName: input.lastName,
        username: input.username,
        languageCode: input.languageCode ?? "ar",
        started: false,
        blocked: false,
        deactivated: false,
        kicked: false,
      };
      chats.set(id, chat);
      return chat;
    },
    addGroup(title: string) {
      const id = nextGroup--;
      const chat: SandboxChat = {
        id,
        type: "group",
        title,
        started: true,
        blocked: false,
        deactivated: false,
        kicked: false,
      };
      chats.set(id, chat);
      return chat;
    },
    /** Upgrades a group: the old id answers `migrate_to_chat_id` from now on. */
    upgrade(group: SandboxChat) {
      const id = nextSupergroup--;
      const supergroup: SandboxChat = { ...group, id, type: "supergroup", migratedTo: undefined };
      chats.set(id, supergroup);
      group.migratedTo = id;
      return supergroup;
    },
    reset: seed,
  };
}

export type World = ReturnType<typeof createWorld>;

export function userOf(chat: SandboxChat): TelegramUser {
  return {
    id: chat.id,
    is_bot: false,
    first_name: chat.firstName ?? "",
    ...(chat.lastName === undefined ? {} : { last_name: chat.lastName }),
    ...(chat.username === undefined ? {} : { username: chat.username }),
    ...(chat.languageCode === undefined ? {} : { language_code: chat.languageCode }),
  };
}

export function chatObject(chat: SandboxChat): TelegramChat {
  return {
    id: chat.id,
    type: chat.type,
    ...(chat.title === undefined ? {} : { title: chat.title }),
    ...(chat.username === undefined ? {} : { username: chat.username }),
    ...(chat.firstName === undefined ? {} : { first_name: chat.firstName }),
    ...(chat.lastName === undefined ? {} : { last_name: chat.lastName }),
  };
}

/** How a chat appears in the viewer. */
export function chatName(chat: SandboxChat): string {
  if (chat.username !== undefined && chat.type !== "private") return `@${chat.username}`;
  if (chat.title !== undefined) return chat.title;
  return [chat.firstName, chat.lastName].filter((part) => part !== undefined).join(" ");
}
