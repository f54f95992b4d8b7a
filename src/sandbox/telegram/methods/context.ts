import type { SandboxState } from "../../state/state.js";
import type { SendLimits } from "../limits.js";
import type { ResolvedTelegramOptions } from "../options.js";
import type { Params } from "../params.js";
import type { UpdateQueue } from "../updates.js";
import type { World } from "../world.js";

export interface BotCommand {
  command: string;
  description: string;
}

/** A callback query the stand-in issued (a subscriber pressed a button) and the bot's answer. */
export interface CallbackQueryRecord {
  id: string;
  from: number;
  data: string;
  issuedAt: number;
  answer?: { text?: string | undefined; showAlert: boolean; url?: string | undefined } | undefined;
}

/** Everything a Bot API method handler may read or change. */
export interface TelegramContext {
  options: ResolvedTelegramOptions;
  world: World;
  updates: UpdateQueue;
  limits: SendLimits;
  state: SandboxState;
  callbacks: Map<string, CallbackQueryRecord>;
  /** Commands by scope and language (setMyCommands). */
  commands: Map<string, BotCommand[]>;
}

export type MethodHandler = (context: TelegramContext, params: Params) => Promise<unknown> | unknown;

/** Methods that post something: the ones faults apply to. */
export const POSTING_METHODS = new Set([
  "sendmessage",
  "sendphoto",
  "editmessagetext",
  "editmessagereplymarkup",
]);
