import type { Logger } from "pino";
import { type Context, type Telegraf, TelegramError } from "telegraf";
import type { UserFromGetMe } from "telegraf/types";
import type { ArticleStore } from "../store/article-store.js";
import type { PublicationIndex } from "../store/publication-index.js";
import type { SubscriberStore } from "../store/subscriber-store.js";
import { botLang, botStrings } from "./bot-strings.js";
import { LATEST_COUNT, latestText } from "./latest-text.js";
import type { TopicCatalog } from "./topic-catalog.js";
import { TOPIC_ALL, TOPIC_PREFIX, topicsKeyboard } from "./topics-keyboard.js";

export interface BotDeps {
  /** From createTelegraf; the handlers are registered on it. */
  bot: Telegraf;
  /** The bot's own user, fetched once at boot (getMe), so handleUpdate never calls getMe. */
  botInfo: UserFromGetMe;
  subscribers: SubscriberStore;
  topics: TopicCatalog;
  articles: ArticleStore;
  publications: PublicationIndex;
  logger: Logger;
}

/** Member statuses after which the bot can no longer write to the chat (Bot API ChatMember). */
const GONE_STATUSES = new Set(["kicked", "left"]);

const chatIdOf = (ctx: Context) => (ctx.chat === undefined ? undefined : String(ctx.chat.id));
const langOf = (ctx: Context) => botLang(ctx.from?.language_code);
const HTML = { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true } };

/**
 * 400 "message is not modified": the keyboard already shows this state (a double tap). Matched by
 * text because Telegram gives it no code of its own (the same 400 as every bad request).
 */
const isNotModified = (error: unknown) =>
  error instanceof TelegramError && error.code === 400 && /message is not modified/iu.test(error.description);

/**
 * A failure Telegram will not repeat (4xx other than 429) is logged and swallowed: retrying the
 * update would only repeat it. Anything else (429, 5xx, network, Redis) is rethrown so the update
 * job retries.
 */
const isPermanent = (error: unknown) =>
  error instanceof TelegramError && error.code >= 400 && error.code < 500 && error.code !== 429;

/** Registers /start, /stop, /topics, /latest, /help, the topic buttons and my_chat_member. */
export function setUpBot(deps: BotDeps): Telegraf {
  const { bot, subscribers } = deps;
  bot.botInfo = deps.botInfo;

  bot.start(async (ctx) => {
    const chatId = String(ctx.chat.id);
    const lang = langOf(ctx);
    const before = await subscribers.get(chatId);
    const after = await subscribers.subscribe(chatId, lang);
    const returning = before !== null && before.status !== "active" && after.topics.length > 0;
    const strings = botStrings(lang);
    await ctx.reply(returning ? strings.welcomeBack : strings.welcome);
  });

  bot.command("stop", async (ctx) => {
    const strings = botStrings(langOf(ctx));
    const stopped = await subscribers.setStatus(String(ctx.chat.id), "stopped");
    await ctx.reply(stopped === null ? strings.notSubscribed : strings.stopped);
  });

  bot.help((ctx) => ctx.reply(botStrings(langOf(ctx)).help));

  bot.command("latest", async (ctx) => {
    const entries = await deps.publications.feed({ limit: LATEST_COUNT });
    const byId = new Map(
      (await deps.articles.getMany(entries.map((entry) => entry.articleId))).map((article) => [
        article.id,
        article,
      ]),
    );
    const articles = entries.flatMap((entry) => byId.get(entry.articleId) ?? []);
    await ctx.reply(latestText(articles, botStrings(langOf(ctx))), HTML);
  });

  bot.command("topics", async (ctx) => {
    const strings = botStrings(langOf(ctx));
    const subscriber = await subscribers.get(String(ctx.chat.id));
    if (subscriber === null || subscriber.status !== "active") {
      await ctx.reply(strings.notSubscribed);
      return;
    }
    const offered = await deps.topics.offered(subscriber.topics);
    if (offered.length === 0) {
      await ctx.reply(strings.topicsNone);
      return;
    }
    await ctx.reply(strings.topicsIntro, {
      reply_markup: topicsKeyboard(offered, subscriber.topics, strings),
    });
  });

  bot.action(new RegExp(`^${TOPIC_PREFIX}(.+)$`, "u"), async (ctx) => {
    const strings = botStrings(langOf(ctx));
    const chatId = chatIdOf(ctx);
    const subscriber = chatId === undefined ? null : await subscribers.get(chatId);
    if (chatId === undefined || subscriber === null || subscriber.status !== "active") {
      await ctx.answerCbQuery(strings.notSubscribed, { show_alert: true });
      return;
    }
    const data = ctx.match[0];
    let answer: string;
    let updated = subscriber;
    if (data === TOPIC_ALL) {
      updated = (await subscribers.clearTopics(chatId)) ?? subscriber;
      answer = strings.followingAll;
    } else {
      const topic = await deps.topics.resolve(ctx.match[1] ?? "");
      if (topic === null) {
        await ctx.answerCbQuery();
        return;
      }
      updated = (await subscribers.toggleTopic(chatId, topic)) ?? subscriber;
      answer = updated.topics.includes(topic) ? strings.followed(topic) : strings.unfollowed(topic);
    }
    await ctx.answerCbQuery(answer);
    const offered = await deps.topics.offered(updated.topics);
    try {
      await ctx.editMessageReplyMarkup(topicsKeyboard(offered, updated.topics, strings));
    } catch (error) {
      if (!isNotModified(error)) throw error;
    }
  });

  // Telegram tells the bot it was blocked (private) or removed (group) with my_chat_member.
  bot.on("my_chat_member", async (ctx) => {
    const chatId = String(ctx.chat.id);
    const status = ctx.myChatMember.new_chat_member.status;
    if (GONE_STATUSES.has(status)) {
      await subscribers.setStatus(chatId, "blocked");
    } else if (ctx.chat.type !== "private" && (status === "member" || status === "administrator")) {
      // A group that adds the bot subscribes (its admins chose to); the adder's language answers.
      await subscribers.subscribe(chatId, langOf(ctx));
    }
  });

  bot.catch((error, ctx) => {
    const summary =
      error instanceof TelegramError
        ? `${error.code} ${error.description}`
        : error instanceof Error
          ? error.name
          : "error";
    deps.logger.warn({ updateId: ctx.update.update_id, err: summary }, "telegram update handling failed");
    if (!isPermanent(error)) throw error;
  });

  return bot;
}
