import { Telegraf, TelegramError } from "telegraf";
import type { ChannelMode } from "../../domain/channel.js";
import type { Channel, SendContext, SendResult } from "../channel.js";
import { withTimeout } from "../with-timeout.js";
import { classifyTelegramError } from "./classify-telegram-error.js";

export interface TelegramChannelDeps {
  mode: ChannelMode;
  token: string;
  /** `@channelname` or a numeric `-100…` id. */
  channel: string;
  /** Bot API root (`TELEGRAM_API_URL` or the sandbox). */
  apiRoot: string;
}

/** A public link to a channel post, when the channel has a username. */
function postUrl(channel: string, messageId: number): string | undefined {
  return channel.startsWith("@") ? `https://t.me/${channel.slice(1)}/${messageId}` : undefined;
}

/**
 * The public Telegram channel: `sendMessage` with HTML and the link preview on, or `sendPhoto`
 * with the caption when the article has an image (the preview then carries `photo`). Telegram
 * cannot de-duplicate, so this channel is not resend-safe: an unanswered send becomes `unknown`.
 */
export function createTelegramChannel(deps: TelegramChannelDeps): Channel {
  // A root with a path needs a trailing slash (platforms.md); an origin works either way.
  const apiRoot =
    new URL(deps.apiRoot).pathname === "/" ? deps.apiRoot : `${deps.apiRoot.replace(/\/+$/u, "")}/`;
  const bot = new Telegraf(deps.token, { telegram: { apiRoot } });

  const sendText = (text: string) =>
    withTimeout(
      bot.telegram.sendMessage(deps.channel, text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: false },
      }),
      "Telegram",
    );

  async function sendPhotoOrText(photo: string, caption: string) {
    try {
      return await withTimeout(
        bot.telegram.sendPhoto(deps.channel, photo, { caption, parse_mode: "HTML" }),
        "Telegram",
      );
    } catch (error) {
      // A 400 to a photo is most often Telegram failing to fetch the image (gone, too big, not an
      // image). Telegram refused, so nothing was posted: send the same caption as a text message
      // (the link preview still shows the article's card). Anything else is classified as usual.
      if (
        error instanceof TelegramError &&
        error.code === 400 &&
        error.parameters?.migrate_to_chat_id === undefined
      ) {
        return sendText(caption);
      }
      throw error;
    }
  }

  async function send({ preview }: SendContext): Promise<SendResult> {
    const message = preview.telegram;
    try {
      const sent =
        message.photo === undefined
          ? await sendText(message.text)
          : await sendPhotoOrText(message.photo, message.text);
      const remoteUrl = postUrl(deps.channel, sent.message_id);
      return {
        remoteId: `${sent.chat.id}:${sent.message_id}`,
        ...(remoteUrl === undefined ? {} : { remoteUrl }),
      };
    } catch (error) {
      throw classifyTelegramError(error);
    }
  }

  return { id: "telegram", mode: deps.mode, resendSafe: false, send };
}
