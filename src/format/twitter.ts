import twitterText from "twitter-text";
import type { Article } from "../domain/article.js";
import { type Fits, fitText, sentenceStream, summarize, truncateWords } from "./fit.js";
import type { FormatOptions } from "./options.js";
import { type PreparedArticle, prepareArticle } from "./prepare.js";

/**
 * X (Twitter) posts. Limits from twitter-text's config v3 (the library X's clients use):
 * 280 weighted characters; every URL counts 23 whatever its length; `…`, emoji and RLM count 2.
 * We never count ourselves: every candidate is measured with `parseTweet`.
 */
export const TWEET_MAX_WEIGHTED_LENGTH = 280;
/** A thread longer than this is a blog post, not a thread; caps a misconfigured option. */
export const TWEET_THREAD_HARD_MAX = 25;

export interface TwitterPost {
  text: string;
  weightedLength: number;
}

export interface TwitterPreview {
  posts: TwitterPost[];
}

// Tokens X may count as a link (23 whatever their length): anything with a dot or "://".
// (Split on spaces, then test: a single regex like /\S*\.\S*/ rescans long runs and is quadratic.)
const isLinkLike = (token: string) => token.includes(".") || token.includes("://");
// No link allowance beyond this per token: the bound below stays cheap and only errs towards "too long".
const MAX_LINK_ALLOWANCE = 4_096;

/**
 * A cheap proof that a text cannot fit, so `parseTweet` (whose cost grows faster than the text on
 * long runs without spaces) never sees a long text. Outside link-like tokens every code point
 * weighs at least 1 and takes at most 2 UTF-16 units, so more than 2 × 280 units there means
 * more than 280 weighted characters.
 */
function surelyTooLong(text: string): boolean {
  if (text.length <= TWEET_MAX_WEIGHTED_LENGTH * 2) return false;
  let linkAllowance = 0;
  for (const token of text.split(/\s+/u)) {
    if (isLinkLike(token)) linkAllowance += Math.min(token.length, MAX_LINK_ALLOWANCE);
  }
  return text.length - linkAllowance > TWEET_MAX_WEIGHTED_LENGTH * 2;
}

/** Whether X would accept the text: non-empty, no forbidden characters, ≤ 280 weighted. */
export function tweetFits(text: string): boolean {
  if (surelyTooLong(text)) return false;
  const parsed = twitterText.parseTweet(text);
  return parsed.valid && parsed.weightedLength <= TWEET_MAX_WEIGHTED_LENGTH;
}

function toPost(text: string): TwitterPost {
  return { text, weightedLength: twitterText.parseTweet(text).weightedLength };
}

// Blocks are separated by a blank line; the URL is always a block of its own, last, so RTL text
// never flows around it (a URL inside Arabic text gets reordered by the bidi algorithm).
function compose(blocks: readonly string[]): string {
  return blocks.filter((block) => block !== "").join("\n\n");
}

/**
 * Hashtags that still fit, in order, skipping any that does not: they are the first thing given
 * up when space runs out, so they only take what the title and lead left.
 */
function fittingHashtags(hashtags: readonly string[], post: (tags: string) => string): string {
  let tags = "";
  for (const hashtag of hashtags) {
    const candidate = tags === "" ? hashtag : `${tags} ${hashtag}`;
    if (tweetFits(post(candidate))) tags = candidate;
  }
  return tags;
}

/**
 * The article link, or "" when the link alone cannot fit a post: twitter-text counts a URL it
 * does not recognise (a `localhost` or intranet host) at full length, and a post must stay valid.
 */
function linkThatFits(prepared: PreparedArticle): string {
  return tweetFits(prepared.url) ? prepared.url : "";
}

/** One post: title, lead (whole sentences when they fit), hashtags if room is left, link. */
function singlePost(prepared: PreparedArticle): string {
  const { lang } = prepared;
  const url = linkThatFits(prepared);
  const title = fitText(prepared.title, (t) => tweetFits(compose([t, url])), lang);
  const source = prepared.editorSummary ?? prepared.paragraphs;
  const fits: Fits = (lead) => tweetFits(compose([title, lead, url]));
  const lead = summarize(source, fits, { lang, paragraphSeparator: " " }).text;
  const tags = fittingHashtags(prepared.hashtags, (t) => compose([title, lead, t, url]));
  return compose([title, lead, tags, url]);
}

// Removed from the start of a sentence's remainder after a mid-sentence split.
const LEADING_JOINERS = /^[\s,،;؛:]+/u;

/**
 * A thread of up to `max` posts: the first carries the title and the link, the rest continue the
 * summary's sentences in order; each is numbered "i/n" on its first line. A sentence longer than
 * a post is split on whole words with `…`.
 */
function thread(prepared: PreparedArticle, max: number): string[] {
  const { lang, hashtags } = prepared;
  const url = linkThatFits(prepared);
  // Pack with the widest counter ("25/25"); the real one ("1/3") is never wider.
  const placeholder = `${max}/${max}`;
  const title = fitText(prepared.title, (t) => tweetFits(compose([placeholder, t, url])), lang);
  const frame = (index: number, counter: string, body: string): string[] =>
    index === 0 ? [counter, title, body, url] : [counter, body];

  const units = sentenceStream(prepared.editorSummary ?? prepared.paragraphs, lang);
  let pending: string | undefined = units.next().value?.sentence;
  const bodies: string[] = [];
  for (let index = 0; index < max && pending !== undefined; index += 1) {
    const fits: Fits = (body) => tweetFits(compose(frame(index, placeholder, body)));
    let body = "";
    while (pending !== undefined) {
      const candidate = body === "" ? pending : `${body} ${pending}`;
      if (fits(candidate)) {
        body = candidate;
        pending = units.next().value?.sentence;
        continue;
      }
      if (body === "") {
        const part = truncateWords(pending, fits, lang);
        if (part === "") break;
        body = part;
        const keptLength = part.length - 1; // the part minus its "…", a prefix of `pending`
        pending = pending.slice(keptLength).replace(LEADING_JOINERS, "") || undefined;
      }
      break;
    }
    if (body === "" && index > 0) break;
    bodies.push(body);
  }
  if (bodies.length === 0) bodies.push("");

  const total = bodies.length;
  const texts = bodies.map((body, index) =>
    compose(frame(index, total === 1 ? "" : `${index + 1}/${total}`, body)),
  );
  // Hashtags close the thread, only if room is left; on a lone post the URL stays last.
  const lastIndex = texts.length - 1;
  const lastBody = bodies[lastIndex] ?? "";
  const counter = total === 1 ? "" : `${total}/${total}`;
  const post = (tags: string): string =>
    lastIndex === 0 ? compose([counter, title, lastBody, tags, url]) : compose([counter, lastBody, tags]);
  const tags = fittingHashtags(hashtags, post);
  if (tags !== "") texts[lastIndex] = post(tags);
  return texts;
}

export function formatTwitterPrepared(prepared: PreparedArticle, options: FormatOptions): TwitterPreview {
  const requested = Math.floor(options.twitterThreadMax);
  const max = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), TWEET_THREAD_HARD_MAX) : 1;
  const texts = max === 1 ? [singlePost(prepared)] : thread(prepared, max);
  return { posts: texts.map(toPost) };
}

/** The X post(s) for an article, exactly as the delivery worker sends them. */
export function formatTwitter(article: Article, options: FormatOptions): TwitterPreview {
  return formatTwitterPrepared(prepareArticle(article, options.boilerplate), options);
}
