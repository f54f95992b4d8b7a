import type { BotHarness } from "./bot-harness.js";
import { until } from "./bot-harness.js";

/** Readers who sent /start through the webhook, subscribed once the bot handled it. */
export async function addSubscribers(h: BotHarness, count: number, languageCode?: string): Promise<number[]> {
  const ids: number[] = [];
  for (let index = 0; index < count; index++) {
    const user = h.sandbox.subscribers.addUser(languageCode === undefined ? {} : { languageCode });
    await h.sandbox.subscribers.send(user.id, "/start");
    ids.push(user.id);
  }
  // Active, and welcomed: the welcome must not take a fault a test injects next.
  await until(
    async () =>
      (await Promise.all(ids.map((id) => h.subscribers.get(String(id))))).every(
        (s) => s?.status === "active",
      ) && (await Promise.all(ids.map((id) => h.texts(id)))).every((texts) => texts.length > 0),
    10_000,
    "subscribers to be active and welcomed",
  );
  return ids;
}

/** How many copies of the article titled `title` the chat received. */
export async function articleCopies(h: BotHarness, chatId: number, title: string): Promise<number> {
  return (await h.texts(chatId)).filter((text) => text.includes(title)).length;
}
