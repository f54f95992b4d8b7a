import type { SandboxPost } from "../../types.js";
import { badRequest } from "../errors.js";
import { TELEGRAM_CAPTION_MAX, TELEGRAM_TEXT_MAX } from "../options.js";
import { booleanParam, numberParam, objectParam, type Params, stringParam } from "../params.js";
import { checkReplyMarkup, parsedText } from "../validate.js";
import { chatName, chatObject, type SandboxChat } from "../world.js";
import type { MethodHandler, TelegramContext } from "./context.js";
import { recipient } from "./recipient.js";

const postId = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

/** Bot API `Message` for something the bot sent. */
function messageObject(context: TelegramContext, chat: SandboxChat, post: SandboxPost) {
  const plain = parsedText(post.text, post.parseMode);
  const sender = chat.type === "channel" ? { sender_chat: chatObject(chat) } : { from: context.world.bot };
  return {
    message_id: post.messageId,
    ...sender,
    chat: chatObject(chat),
    date: Math.floor(Date.parse(post.createdAt) / 1000),
    ...(post.editedAt === undefined ? {} : { edit_date: Math.floor(Date.parse(post.editedAt) / 1000) }),
    ...(post.kind === "photo"
      ? {
          photo: [{ file_id: `photo-${post.id}`, file_unique_id: `u-${post.id}`, width: 1280, height: 720 }],
          ...(plain === "" ? {} : { caption: plain }),
        }
      : { text: plain }),
    ...(post.replyMarkup === undefined ? {} : { reply_markup: post.replyMarkup }),
  };
}

function replyTo(params: Params): string | undefined {
  const id =
    numberParam(objectParam(params, "reply_parameters") ?? {}, "message_id") ??
    numberParam(params, "reply_to_message_id");
  return id === undefined ? undefined : String(id);
}

async function store(
  context: TelegramContext,
  chat: SandboxChat,
  fields: Pick<SandboxPost, "kind" | "text" | "parseMode" | "media" | "replyMarkup" | "replyTo">,
  paidBroadcast: boolean,
): Promise<SandboxPost> {
  context.limits.spend(chat, paidBroadcast);
  const messageId = await context.state.nextId(`telegram:message:${chat.id}`);
  const post: SandboxPost = {
    platform: "telegram",
    id: postId(chat.id, messageId),
    target: String(chat.id),
    targetName: chatName(chat),
    targetType: chat.type,
    messageId,
    createdAt: new Date(context.options.clock()).toISOString(),
    ...fields,
  };
  await context.state.record(post);
  return post;
}

export const sendMessage: MethodHandler = async (context, params) => {
  const chat = recipient(context.world, params.chat_id);
  const text = stringParam(params, "text") ?? "";
  const parseMode = stringParam(params, "parse_mode");
  const plain = parsedText(text, parseMode);
  if (plain.trim() === "") throw badRequest("message text is empty");
  if (plain.length > TELEGRAM_TEXT_MAX) throw badRequest("message is too long");
  checkReplyMarkup(params.reply_markup);
  // link_preview_options and the older disable_web_page_preview are accepted and change nothing here.
  const post = await store(
    context,
    chat,
    { kind: "message", text, parseMode, replyMarkup: params.reply_markup, replyTo: replyTo(params) },
    booleanParam(params, "allow_paid_broadcast") === true,
  );
  return messageObject(context, chat, post);
};

/** How long the stand-in waits for a photo URL, as Telegram's servers would fetch it. */
const PHOTO_FETCH_TIMEOUT_MS = 3_000;

/**
 * Telegram downloads a photo given by URL itself and refuses the message when it cannot
 * ("Bad Request: failed to get HTTP URL content"); the stand-in does the same, so an article
 * whose image is gone behaves here as it would live. (Offline, internet URLs fail the same way.)
 */
async function photoUrlWorks(url: string): Promise<boolean> {
  if (!/^https?:\/\//u.test(url)) return true; // a file_id: nothing to fetch
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PHOTO_FETCH_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok && (response.headers.get("content-type") ?? "").startsWith("image/");
  } catch {
    return false;
  }
}

export const sendPhoto: MethodHandler = async (context, params) => {
  const chat = recipient(context.world, params.chat_id);
  const photo = params.photo;
  let media: string;
  if (typeof photo === "string" && photo !== "") {
    if (!(await photoUrlWorks(photo))) throw badRequest("failed to get HTTP URL content");
    media = photo;
  } else if (photo instanceof File) media = `upload:${photo.name || "photo"} (${photo.size} bytes)`;
  else throw badRequest("there is no photo in the request");
  const caption = stringParam(params, "caption") ?? "";
  const parseMode = stringParam(params, "parse_mode");
  const plain = parsedText(caption, parseMode);
  if (plain.length > TELEGRAM_CAPTION_MAX) throw badRequest("message caption is too long");
  checkReplyMarkup(params.reply_markup);
  const post = await store(
    context,
    chat,
    {
      kind: "photo",
      text: caption,
      parseMode,
      media: [media],
      replyMarkup: params.reply_markup,
      replyTo: replyTo(params),
    },
    booleanParam(params, "allow_paid_broadcast") === true,
  );
  return messageObject(context, chat, post);
};

async function findMessage(context: TelegramContext, params: Params) {
  if (params.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
  const chat = context.world.resolve(params.chat_id);
  if (chat === undefined) throw badRequest("chat not found");
  const messageId = numberParam(params, "message_id");
  const post =
    messageId === undefined ? undefined : await context.state.get("telegram", postId(chat.id, messageId));
  if (post === undefined) throw badRequest("message to edit not found");
  return { chat, post };
}

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

export const editMessageText: MethodHandler = async (context, params) => {
  const { chat, post } = await findMessage(context, params);
  if (post.kind !== "message") throw badRequest("there is no text in the message to edit");
  const text = stringParam(params, "text") ?? "";
  const parseMode = stringParam(params, "parse_mode");
  const plain = parsedText(text, parseMode);
  if (plain.trim() === "") throw badRequest("message text is empty");
  if (plain.length > TELEGRAM_TEXT_MAX) throw badRequest("MESSAGE_TOO_LONG");
  checkReplyMarkup(params.reply_markup);
  const samePlain = parsedText(post.text, post.parseMode) === plain;
  if (samePlain && JSON.stringify(post.replyMarkup) === JSON.stringify(params.reply_markup))
    throw badRequest(NOT_MODIFIED);
  const updated = await context.state.update("telegram", post.id, {
    text,
    parseMode,
    replyMarkup: params.reply_markup,
    editedAt: new Date(context.options.clock()).toISOString(),
  });
  return messageObject(context, chat, updated ?? post);
};

export const editMessageReplyMarkup: MethodHandler = async (context, params) => {
  const { chat, post } = await findMessage(context, params);
  checkReplyMarkup(params.reply_markup);
  if (JSON.stringify(post.replyMarkup) === JSON.stringify(params.reply_markup))
    throw badRequest(NOT_MODIFIED);
  const updated = await context.state.update("telegram", post.id, {
    replyMarkup: params.reply_markup,
    editedAt: new Date(context.options.clock()).toISOString(),
  });
  return messageObject(context, chat, updated ?? post);
};
