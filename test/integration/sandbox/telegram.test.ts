import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { Telegraf, TelegramError } from "telegraf";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/start-sandbox.js";

const redis = new Redis(inject("redisUrl"), { lazyConnect: true });
let sandbox: Sandbox;
let bot: Telegraf;

beforeAll(async () => {
  sandbox = await startSandbox({
    redis,
    prefix: "test:sandbox-telegram:",
    telegram: { limits: { privateBurst: 2, privatePerSecond: 0.5 }, maxPollSeconds: 2 },
  });
  bot = new Telegraf(sandbox.credentials.telegram.token, { telegram: { apiRoot: sandbox.urls.telegram } });
});

beforeEach(async () => {
  await sandbox.reset();
});

afterAll(async () => {
  await sandbox.stop();
  await redis.quit();
});

async function failure(promise: Promise<unknown>): Promise<TelegramError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TelegramError);
  return error as TelegramError;
}

async function startedUser() {
  const user = sandbox.subscribers.addUser({ firstName: "ليلى" });
  await sandbox.subscribers.send(user.id, "/start");
  return user;
}

describe("Telegram stand-in with the real telegraf", () => {
  it("answers getMe and sends valid HTML to the channel", async () => {
    const me = await bot.telegram.getMe();
    expect(me.is_bot).toBe(true);
    const channel = sandbox.credentials.telegram.channel;
    const message = await bot.telegram.sendMessage(
      channel,
      '<b>عاجل</b>: خبر &amp; تفاصيل\n<a href="https://example.com">اقرأ</a>',
      {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      },
    );
    expect(message.message_id).toBe(1);
    expect("text" in message && message.text).toBe("عاجل: خبر & تفاصيل\nاقرأ");
    const [post] = await sandbox.posts({ platform: "telegram" });
    expect(post?.target).toBe(String(sandbox.credentials.telegram.channelId));
    expect(post?.parseMode).toBe("HTML");
  });

  it("refuses <br> with can't parse entities", async () => {
    const error = await failure(
      bot.telegram.sendMessage(sandbox.credentials.telegram.channel, "سطر<br>سطر", { parse_mode: "HTML" }),
    );
    expect(error.code).toBe(400);
    expect(error.description).toContain("can't parse entities");
  });

  it("refuses an unknown chat and a wrong token", async () => {
    expect((await failure(bot.telegram.sendMessage("@nobody_here", "x"))).description).toBe(
      "Bad Request: chat not found",
    );
    const stranger = new Telegraf("7000000001:wrong", { telegram: { apiRoot: sandbox.urls.telegram } });
    expect((await failure(stranger.telegram.getMe())).code).toBe(401);
  });

  it("limits a photo caption to 1024 parsed characters, and fetches the photo as Telegram does", async () => {
    const channel = sandbox.credentials.telegram.channel;
    // Telegram downloads a photo URL itself; the stand-in too, so the image must really be there.
    const images = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "image/jpeg" });
      response.end(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    });
    await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
    const photo = `http://127.0.0.1:${(images.address() as AddressInfo).port}/a.jpg`;
    try {
      await bot.telegram.sendPhoto(channel, photo, {
        caption: `<b>${"ق".repeat(1024)}</b>`,
        parse_mode: "HTML",
      });
      const error = await failure(bot.telegram.sendPhoto(channel, photo, { caption: "ق".repeat(1025) }));
      expect(error.description).toBe("Bad Request: message caption is too long");
      const gone = await failure(bot.telegram.sendPhoto(channel, "http://127.0.0.1:9/none.jpg"));
      expect(gone.description).toBe("Bad Request: failed to get HTTP URL content");
    } finally {
      images.close();
    }
  });

  it("answers 429 with parameters.retry_after past a private chat's burst", async () => {
    const user = await startedUser();
    await bot.telegram.sendMessage(user.id, "1");
    await bot.telegram.sendMessage(user.id, "2");
    const error = await failure(bot.telegram.sendMessage(user.id, "3"));
    expect(error.code).toBe(429);
    expect(error.parameters?.retry_after).toBeGreaterThanOrEqual(1);
    expect(error.description).toMatch(/^Too Many Requests: retry after \d+$/u);
  });

  it("plays an injected flood wait with the chosen retry_after", async () => {
    sandbox.faults.inject("telegram", { kind: "429", retryAfter: 37 });
    const error = await failure(bot.telegram.sendMessage(sandbox.credentials.telegram.channel, "x"));
    expect(error.parameters?.retry_after).toBe(37);
  });

  it("answers subscriber errors: never started, blocked, deactivated, upgraded group", async () => {
    const stranger = sandbox.subscribers.addUser();
    expect((await failure(bot.telegram.sendMessage(stranger.id, "x"))).code).toBe(403);
    const user = await startedUser();
    sandbox.subscribers.block(user.id);
    const blocked = await failure(bot.telegram.sendMessage(user.id, "x"));
    expect(blocked.code).toBe(403);
    expect(blocked.description).toBe("Forbidden: bot was blocked by the user");
    const gone = await startedUser();
    sandbox.subscribers.deactivate(gone.id);
    expect((await failure(bot.telegram.sendMessage(gone.id, "x"))).description).toBe(
      "Forbidden: user is deactivated",
    );
    const { group } = sandbox.subscribers.addGroup();
    const supergroup = sandbox.subscribers.upgradeGroup(group.id);
    const moved = await failure(bot.telegram.sendMessage(group.id, "x"));
    expect(moved.parameters?.migrate_to_chat_id).toBe(supergroup.id);
    await expect(bot.telegram.sendMessage(supergroup.id, "x")).resolves.toBeDefined();
  });

  it("hands queued updates to getUpdates, with offsets, and callback answers", async () => {
    const user = await startedUser();
    const sent = await bot.telegram.sendMessage(user.id, "اختر", {
      reply_markup: { inline_keyboard: [[{ text: "سياسة", callback_data: "topic:politics" }]] },
    });
    await sandbox.subscribers.press(user.id, sent.message_id, "topic:politics");
    const updates = await bot.telegram.callApi("getUpdates", { offset: 0, timeout: 0 });
    expect(updates.map((update) => Object.keys(update).find((key) => key !== "update_id"))).toEqual([
      "message",
      "callback_query",
    ]);
    const last = updates[updates.length - 1];
    if (last === undefined || !("callback_query" in last)) throw new Error("no callback query");
    await bot.telegram.answerCbQuery(last.callback_query.id, "تم");
    expect(sandbox.subscribers.callbackAnswer(last.callback_query.id)?.text).toBe("تم");
    const rest = await bot.telegram.callApi("getUpdates", { offset: last.update_id + 1, timeout: 0 });
    expect(rest).toEqual([]);
  });

  it("long-polls: a waiting getUpdates returns when an update arrives", async () => {
    const user = sandbox.subscribers.addUser();
    const poll = bot.telegram.callApi("getUpdates", { timeout: 2 });
    setTimeout(() => void sandbox.subscribers.send(user.id, "/topics"), 50);
    const updates = await poll;
    expect(updates).toHaveLength(1);
  });

  it("edits text and keyboard, stores commands, answers getChat", async () => {
    const channel = sandbox.credentials.telegram.channel;
    const sent = await bot.telegram.sendMessage(channel, "قديم");
    await bot.telegram.editMessageText(channel, sent.message_id, undefined, "<i>جديد</i>", {
      parse_mode: "HTML",
    });
    const edited = await sandbox.state.get(
      "telegram",
      `${sandbox.credentials.telegram.channelId}:${sent.message_id}`,
    );
    expect(edited?.text).toBe("<i>جديد</i>");
    await bot.telegram.setMyCommands([{ command: "start", description: "ابدأ" }]);
    expect(await bot.telegram.getMyCommands()).toEqual([{ command: "start", description: "ابدأ" }]);
    expect((await bot.telegram.getChat(channel)).type).toBe("channel");
  });

  it("delivers updates to a webhook with the secret header, and refuses getUpdates meanwhile", async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const hook = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on("end", () => {
        received.push({ headers: request.headers, body });
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/telegram/webhook`;
      await bot.telegram.setWebhook(url, { secret_token: "s3cret_-token" });
      const conflict = await failure(bot.telegram.callApi("getUpdates", {}));
      expect(conflict.code).toBe(409);
      const user = sandbox.subscribers.addUser();
      await sandbox.subscribers.send(user.id, "/start");
      expect(await sandbox.subscribers.settled(2_000)).toBe(true);
      expect(received).toHaveLength(1);
      expect(received[0]?.headers["x-telegram-bot-api-secret-token"]).toBe("s3cret_-token");
      expect(JSON.parse(received[0]?.body ?? "{}").message.text).toBe("/start");
      expect((await bot.telegram.getWebhookInfo()).pending_update_count).toBe(0);
    } finally {
      await bot.telegram.deleteWebhook();
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it("accept-then-drop: the message is recorded, telegraf gets a network error", async () => {
    sandbox.faults.inject("telegram", { kind: "accept-then-drop" });
    const error = await bot.telegram.sendMessage(sandbox.credentials.telegram.channel, "وصلت؟").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TelegramError);
    expect((await sandbox.posts({ platform: "telegram" })).map((post) => post.text)).toEqual(["وصلت؟"]);
  });
});
