import type { Article } from "../domain/article.js";
import { cleanLine } from "../format/clean.js";
import type { ArticleStore } from "../store/article-store.js";
import type { PublicationIndex } from "../store/publication-index.js";

/** One feed item's source: the article as stored now, and when it entered the feed. */
export interface FeedEntry {
  article: Article;
  publishedAt: number;
}

export interface FeedSource {
  publication: Pick<PublicationIndex, "feed">;
  articles: Pick<ArticleStore, "getMany">;
}

/**
 * The feed index has no per-tag index, so a tag feed walks the main feed newest first, a page at
 * a time, and stops after this many entries: a tag last used further back than that shows an
 * empty feed. Bounded so that one `?tag=` request costs at most a few round trips.
 */
export const TAG_SCAN_PAGE = 250;
export const TAG_SCAN_MAX = 2_000;

/** Tags match exactly but without regard to case or Unicode form (cleanLine normalises NFC). */
export const tagKey = (tag: string) => cleanLine(tag).toLowerCase();

async function page(source: FeedSource, limit: number, offset: number) {
  const indexed = await source.publication.feed({ limit, offset });
  // Articles are read at request time, so a correction shows at once; a deleted one whose index
  // entry is still there (a race with the delete) is skipped.
  const byId = new Map(
    (await source.articles.getMany(indexed.map((entry) => entry.articleId))).map((a) => [a.id, a]),
  );
  const entries = indexed.flatMap(({ articleId, publishedAt }) => {
    const article = byId.get(articleId);
    return article === undefined ? [] : [{ article, publishedAt }];
  });
  return { entries, exhausted: indexed.length < limit };
}

/** The latest `limit` feed entries, newest publication first, optionally of one tag only. */
export async function selectFeedEntries(
  source: FeedSource,
  options: { limit: number; tag: string | null },
): Promise<FeedEntry[]> {
  if (options.tag === null) return (await page(source, options.limit, 0)).entries;
  const wanted = tagKey(options.tag);
  const selected: FeedEntry[] = [];
  for (let offset = 0; offset < TAG_SCAN_MAX && selected.length < options.limit; offset += TAG_SCAN_PAGE) {
    const { entries, exhausted } = await page(source, TAG_SCAN_PAGE, offset);
    for (const entry of entries) {
      if (entry.article.tags.some((tag) => tagKey(tag) === wanted)) selected.push(entry);
    }
    if (exhausted) break;
  }
  return selected.slice(0, options.limit);
}
