import RSS from "rss";
import { cleanLine, normalizeText } from "../format/clean.js";
import type { FormatOptions } from "../format/options.js";
import { formatRss } from "../format/rss.js";
import { imageEnclosure } from "./enclosure.js";
import type { FeedChannel } from "./feed-channel.js";
import type { FeedEntry } from "./feed-entries.js";

const GENERATOR = "Sada";

/**
 * The RSS 2.0 document. Every string passes through the cleaner before it reaches the `rss`
 * package, which would copy XML-illegal control characters through and break the whole feed.
 * A `]]>` inside CDATA (title, description, content:encoded) is split by the `xml` package the
 * `rss` package writes with (`]]]]><![CDATA[>`), so it round-trips; the tests hold it to that.
 */
export function buildFeedXml(channel: FeedChannel, entries: readonly FeedEntry[], options: FormatOptions) {
  const feed = new RSS({
    title: cleanLine(channel.title),
    description: cleanLine(channel.description),
    site_url: channel.siteUrl,
    feed_url: channel.feedUrl,
    language: channel.language,
    ttl: channel.ttlMinutes,
    generator: GENERATOR,
    ...(channel.imageUrl === null ? {} : { image_url: channel.imageUrl }),
  });
  for (const { article, publishedAt } of entries) {
    // The same formatter as the preview: the feed shows exactly what an editor previewed.
    const item = formatRss(article, options);
    const author = article.author === null ? "" : cleanLine(article.author);
    const enclosure = imageEnclosure(article.imageUrl);
    feed.item({
      title: item.title,
      description: normalizeText(item.description),
      url: item.link,
      // With a guid the package writes isPermaLink="false": the id is not a URL, and it stays
      // the same when an editor corrects the article's URL.
      guid: item.guid,
      categories: item.categories,
      date: new Date(publishedAt),
      ...(author === "" ? {} : { author }),
      ...(enclosure === null ? {} : { enclosure }),
      custom_elements: item.contentHtml === "" ? [] : [{ "content:encoded": { _cdata: item.contentHtml } }],
    });
  }
  return feed.xml();
}
