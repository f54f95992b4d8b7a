import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotHarness, createBotHarness, until } from "./bot-harness.js";
import { addSubscribers, articleCopies } from "./subscribers.js";

let h: BotHarness;

beforeAll(async () => {
  h = await createBotHarness("broadcast");
});

afterAll(async () => {
  await h?.close();
});

const posted = (articleId: string, timeoutMs = 15_000) =>
  until(
    async () => (await h.delivery(articleId))?.state === "posted",
    timeoutMs,
    "the delivery to be posted",
  );

describe("broadcast", () => {
  it("with no subscriber at all the send is posted at once", async () => {
    const { article, result } = await h.publish({ title: "لا أحد", tags: [] });
    expect(result).toEqual({ remoteId: "0 subscribers" });
    expect((await h.delivery(article.id))?.stats).toEqual({ sent: 0, failed: 0, blocked: 0, pending: 0 });
  });

  it("goes only to subscribers following everything or one of the article's tags", async () => {
    const [all = 0, economy = 0, sport = 0, stopped = 0] = await addSubscribers(h, 4);
    await h.subscribers.toggleTopic(String(economy), "الاقتصاد");
    await h.subscribers.toggleTopic(String(sport), "Sport");
    await h.subscribers.setStatus(String(stopped), "stopped");

    const { article, result } = await h.publish({ title: "خبر اقتصادي", tags: [" الاقتصاد ", "Markets"] });
    expect(result).toEqual({ pending: true });
    await posted(article.id);
    const delivery = await h.delivery(article.id);
    expect(delivery).toMatchObject({
      state: "posted",
      remoteId: "2 subscribers",
      stats: { sent: 2, failed: 0, blocked: 0, pending: 0 },
    });
    for (const [chat, expected] of [
      [all, 1],
      [economy, 1],
      [sport, 0],
      [stopped, 0],
    ] as const) {
      expect(await articleCopies(h, chat, "خبر اقتصادي")).toBe(expected);
    }

    // Running the channel again (the pipeline's retry) queues nothing and sends nothing.
    const again = await h.channel.send({
      article,
      preview: { "telegram-bot": { text: "ignored: the first text is kept", parseMode: "HTML" } } as never,
      progress: { postedIds: [] },
      saveProgress: async () => {},
    });
    expect(again).toEqual({ remoteId: "2 subscribers" });
    expect(await h.broadcastQueue.getJobCounts("waiting", "delayed", "active")).toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
    });
    expect(await articleCopies(h, all, "خبر اقتصادي")).toBe(1);
  });

  it("removes blocked, deactivated and kicked subscribers and follows a group's migration", async () => {
    const [blocked, deactivated, fine] = await addSubscribers(h, 3);
    h.sandbox.subscribers.block(blocked as number, { notify: false }); // Telegram did not tell us
    h.sandbox.subscribers.deactivate(deactivated as number);
    const { group, update: joined } = h.sandbox.subscribers.addGroup("مجموعة القراء");
    expect(joined.my_chat_member).toBeDefined();
    await until(
      async () => (await h.subscribers.get(String(group.id)))?.status === "active",
      5_000,
      "group subscribed",
    );
    const supergroup = h.sandbox.subscribers.upgradeGroup(group.id);

    const { article } = await h.publish({ title: "خبر للجميع", tags: [] });
    await posted(article.id);
    const delivery = await h.delivery(article.id);
    expect(delivery?.stats?.blocked).toBeGreaterThanOrEqual(2);
    expect(delivery?.stats?.failed).toBe(0);
    expect((await h.subscribers.get(String(blocked)))?.status).toBe("blocked");
    expect((await h.subscribers.get(String(deactivated)))?.status).toBe("blocked");
    expect(await articleCopies(h, fine as number, "خبر للجميع")).toBe(1);
    expect(await articleCopies(h, supergroup.id, "خبر للجميع")).toBe(1);
    expect(await h.subscribers.get(String(group.id))).toBeNull();
    expect((await h.subscribers.get(String(supergroup.id)))?.status).toBe("active");
  });

  it("honours retry_after for the whole fan-out without spending attempts", async () => {
    const chats = await addSubscribers(h, 3);
    for (const chat of chats) await h.subscribers.toggleTopic(String(chat), "flood-test");
    // Earlier subscribers follow everything; this article goes to them too, which is fine.
    h.sandbox.faults.inject("telegram", { kind: "429", retryAfter: 1 });
    const startedAt = Date.now();
    const { article } = await h.publish({ title: "خبر بعد الانتظار", tags: ["flood-test"] });
    await posted(article.id);
    const delivery = await h.delivery(article.id);
    expect(delivery?.stats?.failed).toBe(0);
    for (const chat of chats) expect(await articleCopies(h, chat, "خبر بعد الانتظار")).toBe(1);
    // Sends already in flight when the 429 came finish; after it nothing goes out for ~1 s, and the
    // refused message goes out after the pause. Without the pause all ~10 would leave within 0.5 s.
    const sentAt = (await h.sandbox.posts({ platform: "telegram" }))
      .filter((post) => post.text.includes("خبر بعد الانتظار"))
      .map((post) => Date.parse(post.createdAt))
      .sort((a, b) => a - b);
    const gaps = sentAt.slice(1).map((at, index) => at - (sentAt[index] ?? at));
    const largestPause = Math.max(sentAt[0] === undefined ? 0 : sentAt[0] - startedAt, ...gaps);
    expect(largestPause).toBeGreaterThanOrEqual(700);
    expect((sentAt.at(-1) ?? 0) - startedAt).toBeGreaterThanOrEqual(1_000);
  });

  it("counts a send whose answer was lost as failed and never re-sends it", async () => {
    const [lost] = await addSubscribers(h, 1);
    await h.subscribers.toggleTopic(String(lost), "lost-answer");
    // Others follow everything; drop the answer of the first send, whoever it goes to.
    h.sandbox.faults.inject("telegram", { kind: "accept-then-drop" });
    const { article } = await h.publish({ title: "جواب ضائع", tags: ["lost-answer"] });
    await posted(article.id);
    const delivery = await h.delivery(article.id);
    expect(delivery?.stats?.failed).toBe(1);
    const total = (delivery?.stats?.sent ?? 0) + 1;
    const copies = await h.sandbox.posts({ platform: "telegram" });
    // Every target holds exactly one copy: the dropped one arrived and was not sent again.
    expect(copies.filter((post) => post.text.includes("جواب ضائع"))).toHaveLength(total);
  });
});
