import { badRequest, chatNotFound } from "../errors.js";
import { booleanParam, objectParam, type Params, stringParam } from "../params.js";
import { chatObject } from "../world.js";
import type { BotCommand, MethodHandler } from "./context.js";

/** Telegram answers a callback query only within this window after the press. */
export const CALLBACK_ANSWER_WINDOW_MS = 15 * 60 * 1000;
const MAX_COMMANDS = 100;

export const getMe: MethodHandler = (context) => ({
  ...context.world.bot,
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
});

export const getChat: MethodHandler = (context, params) => {
  const chat = context.world.resolve(params.chat_id);
  if (chat === undefined) throw chatNotFound();
  return chatObject(chat);
};

const commandsKey = (params: Params) =>
  `${JSON.stringify(objectParam(params, "scope") ?? { type: "default" })}|${stringParam(params, "language_code") ?? ""}`;

export const setMyCommands: MethodHandler = (context, params) => {
  const commands = params.commands;
  if (!Array.isArray(commands)) throw badRequest('parameter "commands" is required');
  if (commands.length > MAX_COMMANDS) throw badRequest("too many commands specified");
  const checked: BotCommand[] = commands.map((item: unknown) => {
    const { command, description } = (typeof item === "object" && item !== null ? item : {}) as {
      command?: unknown;
      description?: unknown;
    };
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/u.test(command))
      throw badRequest("BOT_COMMAND_INVALID");
    if (typeof description !== "string" || description.length < 1 || description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command, description };
  });
  context.commands.set(commandsKey(params), checked);
  return true;
};

export const getMyCommands: MethodHandler = (context, params) =>
  context.commands.get(commandsKey(params)) ?? [];

export const deleteMyCommands: MethodHandler = (context, params) => {
  context.commands.delete(commandsKey(params));
  return true;
};

export const answerCallbackQuery: MethodHandler = (context, params) => {
  const query = context.callbacks.get(stringParam(params, "callback_query_id") ?? "");
  const expired = query === undefined || context.options.clock() - query.issuedAt > CALLBACK_ANSWER_WINDOW_MS;
  if (expired || query.answer !== undefined) {
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  query.answer = {
    text: stringParam(params, "text"),
    showAlert: booleanParam(params, "show_alert") === true,
    url: stringParam(params, "url"),
  };
  return true;
};
