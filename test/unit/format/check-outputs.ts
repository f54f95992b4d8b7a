import twitterText from "twitter-text";
import { expect } from "vitest";
import type { Article } from "../../../src/domain/article.js";
import { cleanLine, cleanParagraphs } from "../../../src/format/clean.js";
import type { ChannelPreview } from "../../../src/format/preview.js";
import { wordEnds } from "../../../src/format/segment.js";
import { TELEGRAM_CAPTION_MAX, TELEGRAM_TEXT_MAX } from "../../../src/format/telegram.js";
import { checkTelegramHtml } from "../../../src/format/telegram-html.js";
import { tweetFits } from "../../../src/format/twitter.js";

/** The invariants every preview must satisfy, whatever the article. */
export function expectValidPreview(article: Article, preview: ChannelPreview): void {
  for (const post of preview.twitter.posts) {
    const parsed = twitterText.parseTweet(post.text);
    expect(parsed.valid, post.text).toBe(true);
    expect(post.weightedLength).toBe(parsed.weightedLength);
  }
  // The link leads the first post unless X could not fit it even alone (a URL it does not recognise).
  if (tweetFits(article.url)) expect(preview.twitter.posts[0]?.text).toContain(article.url);

  const limit = article.imageUrl === null ? TELEGRAM_TEXT_MAX : TELEGRAM_CAPTION_MAX;
  const telegram = checkTelegramHtml(preview.telegram.text);
  expect(telegram.ok, preview.telegram.text).toBe(true);
  if (telegram.ok) expect(telegram.plainLength).toBeLessThanOrEqual(limit);
  expect(preview.telegram.photo).toBe(article.imageUrl ?? undefined);
  const bot = checkTelegramHtml(preview["telegram-bot"].text);
  expect(bot.ok, preview["telegram-bot"].text).toBe(true);
  if (bot.ok) expect(bot.plainLength).toBeLessThanOrEqual(TELEGRAM_TEXT_MAX);

  expect(preview.facebook.message.length).toBeLessThanOrEqual(63_000);
  expect(preview.facebook.link).toBe(article.url);

  // RSS HTML: our own <p>/<br> tags only; every other <, > and & escaped.
  const bare = preview.rss.contentHtml.replace(/<\/?p>|<br>/gu, "");
  expect(bare).not.toMatch(/[<>]|&(?!#\d+;)/u);
  expect(preview.rss.guid).toBe(article.id);

  expectNoCutWords(article, [
    ...preview.twitter.posts.map((post) => post.text),
    telegram.ok ? telegram.plainText : "",
    bot.ok ? bot.plainText : "",
    preview.facebook.message,
    preview.rss.description,
  ]);
}

/**
 * Every line we ended with `…` must end where a word of the source ends (by the source's own
 * word segmentation), never inside a word or a grapheme.
 */
export function expectNoCutWords(article: Article, outputs: readonly string[]): void {
  const squash = (text: string) => text.replace(/\s+/gu, " ");
  const source = squash(
    [
      cleanLine(article.title),
      ...cleanParagraphs(article.summary ?? ""),
      ...cleanParagraphs(article.body),
    ].join("\n"),
  );
  if (source.includes("…")) return;
  const ends = new Set(wordEnds(source, article.lang));
  for (const output of outputs) {
    for (const line of output.split("\n")) {
      if (!line.endsWith("…")) continue;
      const fragment = squash(line.slice(0, -1));
      let found = false;
      for (let at = source.indexOf(fragment); at >= 0; at = source.indexOf(fragment, at + 1)) {
        if (ends.has(at + fragment.length)) {
          found = true;
          break;
        }
      }
      expect(found, `cut word in: ${line}`).toBe(true);
    }
  }
}
