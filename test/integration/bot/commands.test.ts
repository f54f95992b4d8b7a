import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newArticleInput } from "../../../seeds/seed-article.js";
import { type BotHarness, createBotHarness, until, WEBHOOK_SECRET } from "./bot-harness.js";

let h: BotHarness;

beforeAll(async () => {
  h = await createBotHarness("commands");
});

afterAll(async () => {
  await h?.close();
});

/** Sends a command as the user and waits (bounded) for the bot's next answer. */
async function say(userId: number, text: string): Promise<string> {
  const before = (await h.texts(userId)).length;
  await h.sandbox.subscribers.send(userId, text);
  await until(async () => (await h.texts(userId)).length > before, 5_000, `an answer to ${text}`);
  return (await h.texts(userId)).at(-1) ?? "";
}

describe("webhook secret", () => {
  const update = {
    update_id: 990001,
    message: { message_id: 1, chat: { id: 1, type: "private" }, date: 0, text: "/help" },
  };

  it("answers 403 without the header and with a wrong one", async () => {
    const without = await fetch(h.webhookUrl, {
      method: "POST",
      body: JSON.stringify(update),
      headers: { "content-type": "application/json" },
    });
    expect(without.status).toBe(403);
    const wrong = await fetch(h.webhookUrl, {
      method: "POST",
      body: JSON.stringify(update),
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": `${WEBHOOK_SECRET}x`,
      },
    });
    expect(wrong.status).toBe(403);
    expect(await h.redis.exists(`${h.keyPrefix}bot:update:990001`)).toBe(0);
  });

  it("takes a genuine update once, however often Telegram re-sends it", async () => {
    const headers = { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET };
    const user = h.sandbox.subscribers.addUser({ languageCode: "en" });
    await h.sandbox.subscribers.send(user.id, "/start"); // lets the bot write to this user
    await until(async () => (await h.texts(user.id)).length === 1);
    const resend = {
      update_id: 990002,
      message: {
        message_id: 99,
        from: { id: user.id, is_bot: false, first_name: "A", language_code: "en" },
        chat: { id: user.id, type: "private" },
        date: 0,
        text: "/help",
        entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    };
    const answers = await Promise.all(
      [1, 2, 3].map(() => fetch(h.webhookUrl, { method: "POST", body: JSON.stringify(resend), headers })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await until(async () => (await h.texts(user.id)).length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await h.texts(user.id)).filter((text) => text.startsWith("Commands:"))).toHaveLength(1);
  });

  it("refuses a body that is not an update", async () => {
    const answer = await fetch(h.webhookUrl, {
      method: "POST",
      body: "[1]",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
    });
    expect(answer.status).toBe(400);
  });
});

describe("commands through the webhook", () => {
  it("/start subscribes to everything and welcomes in Arabic", async () => {
    const user = h.sandbox.subscribers.addUser({ firstName: "ليلى" });
    expect(await say(user.id, "/start")).toContain("أهلًا بك في صدى");
    const subscriber = await h.subscribers.get(String(user.id));
    expect(subscriber).toMatchObject({ status: "active", topics: [], lang: "ar" });
  });

  it("answers in English when the user's language_code is English", async () => {
    const user = h.sandbox.subscribers.addUser({ languageCode: "en-GB" });
    expect(await say(user.id, "/start")).toContain("Welcome to Sada");
    expect(await say(user.id, "/help")).toContain("/topics");
    expect(await say(user.id, "/stop")).toContain("unsubscribed");
    expect((await h.subscribers.get(String(user.id)))?.status).toBe("stopped");
  });

  it("/stop unsubscribes, /help lists the commands", async () => {
    const user = h.sandbox.subscribers.addUser();
    await say(user.id, "/start");
    expect(await say(user.id, "/help")).toContain("/latest");
    expect(await say(user.id, "/stop")).toContain("تم إلغاء اشتراكك");
    expect((await h.subscribers.get(String(user.id)))?.status).toBe("stopped");
  });

  it("/latest lists the five newest published articles with links", async () => {
    const titles = ["أول", "ثاني", "ثالث", "رابع", "خامس", "سادس <و> & آخر"];
    for (const [index, title] of titles.entries()) {
      const { article } = await h.articles.create(newArticleInput({ title, body: "نص" }), "test");
      await h.publications.addToFeed(article.id, 1_000 + index);
    }
    const user = h.sandbox.subscribers.addUser();
    await say(user.id, "/start");
    const text = await say(user.id, "/latest");
    expect(text).toContain("سادس &lt;و&gt; &amp; آخر");
    expect(text).toContain('<a href="http://news.test/articles/');
    expect(text).not.toContain("أول");
    expect(text.match(/<a href=/gu)).toHaveLength(5);
  });

  it("/topics shows a keyboard; a press toggles the topic in place and answers the button", async () => {
    const { article } = await h.articles.create(
      newArticleInput({ title: "اقتصاد", body: "نص", tags: ["Economy", "سياسة"] }),
      "test",
    );
    await h.publications.addToFeed(article.id, 5_000);
    const user = h.sandbox.subscribers.addUser();
    await say(user.id, "/start");
    await say(user.id, "/topics");
    const [keyboardMessage] = await h.sandbox.subscribers.messagesTo(user.id);
    const markup = keyboardMessage?.replyMarkup as {
      inline_keyboard: { text: string; callback_data: string }[][];
    };
    const economy = markup.inline_keyboard.flat().find((button) => button.text === "economy");
    expect(economy).toBeDefined();
    const update = await h.sandbox.subscribers.press(
      user.id,
      keyboardMessage?.messageId ?? 0,
      economy?.callback_data ?? "",
    );
    const queryId = (update.callback_query as { id: string }).id;
    await until(
      () => h.sandbox.subscribers.callbackAnswer(queryId) !== undefined,
      5_000,
      "the callback answer",
    );
    expect(h.sandbox.subscribers.callbackAnswer(queryId)?.text).toBe("تتابع الآن: economy");
    expect((await h.subscribers.get(String(user.id)))?.topics).toEqual(["economy"]);
    await until(
      async () => {
        const [edited] = await h.sandbox.subscribers.messagesTo(user.id);
        const buttons = (
          (edited?.replyMarkup ?? { inline_keyboard: [] }) as typeof markup
        ).inline_keyboard.flat();
        return buttons.some((button) => button.text === "✅ economy");
      },
      5_000,
      "the keyboard edited in place",
    );
    expect(await h.sandbox.subscribers.messagesTo(user.id)).toHaveLength(2); // welcome and keyboard: the press added no message
  });

  it("a reader who blocks the bot is unsubscribed (my_chat_member kicked)", async () => {
    const user = h.sandbox.subscribers.addUser();
    await say(user.id, "/start");
    const update = h.sandbox.subscribers.block(user.id);
    // The stand-in tells the bot through my_chat_member, as Telegram does; no send is involved.
    expect(update?.my_chat_member).toMatchObject({ new_chat_member: { status: "kicked" } });
    await until(
      async () => (await h.subscribers.get(String(user.id)))?.status === "blocked",
      5_000,
      "blocked status",
    );
    expect((await h.subscribers.get(String(user.id)))?.status).toBe("blocked");
    expect(await h.sandbox.subscribers.messagesTo(user.id)).toHaveLength(1); // only the /start answer
  });

  it("registered the commands in Arabic and English and the webhook with its secret", async () => {
    const api = async (method: string, body: unknown) => {
      const answer = await fetch(
        `${h.sandbox.urls.telegram}/bot${h.sandbox.credentials.telegram.token}/${method}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        },
      );
      return ((await answer.json()) as { result: unknown }).result;
    };
    const arabic = (await api("getMyCommands", {})) as { command: string; description: string }[];
    const english = (await api("getMyCommands", { language_code: "en" })) as {
      command: string;
      description: string;
    }[];
    expect(arabic.map((c) => c.command)).toEqual(["start", "topics", "latest", "stop", "help"]);
    expect(english.find((c) => c.command === "latest")?.description).toBe("The five newest articles");
    expect(((await api("getWebhookInfo", {})) as { url: string }).url).toBe(h.webhookUrl);
  });
});
