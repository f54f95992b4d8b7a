import type { InlineKeyboardMarkup } from "telegraf/types";
import type { BotStrings } from "./bot-strings.js";
import { topicToken } from "./topic-catalog.js";

/** callback_data prefix of topic buttons; `TOPIC_ALL` clears the choice (= every topic). */
export const TOPIC_PREFIX = "tp:";
export const TOPIC_ALL = `${TOPIC_PREFIX}*`;
const PER_ROW = 2;
const CHECK = "✅ ";

/** The /topics keyboard: one toggle per topic (checked when followed), then "All topics". */
export function topicsKeyboard(
  offered: readonly string[],
  followed: readonly string[],
  strings: BotStrings,
): InlineKeyboardMarkup {
  const buttons = offered.map((topic) => ({
    text: `${followed.includes(topic) ? CHECK : ""}${topic}`,
    callback_data: `${TOPIC_PREFIX}${topicToken(topic)}`,
  }));
  const rows = [];
  for (let index = 0; index < buttons.length; index += PER_ROW)
    rows.push(buttons.slice(index, index + PER_ROW));
  rows.push([
    { text: `${followed.length === 0 ? CHECK : ""}${strings.allTopics}`, callback_data: TOPIC_ALL },
  ]);
  return { inline_keyboard: rows };
}
