import type { FC } from "hono/jsx";
import { Layout } from "./layout.js";
import type { ArticlePageModel } from "./page-model.js";

/**
 * Meta a link card is built from: Open Graph (Facebook, Telegram, most chat apps) and Twitter
 * Card (X, which falls back to og:* for the rest). Values go in as attributes, so hono/jsx
 * escapes every one of them.
 */
const CardMeta: FC<{ page: ArticlePageModel }> = ({ page }) => (
  <>
    <meta name="description" content={page.description} />
    <link rel="canonical" href={page.canonicalUrl} />
    <link rel="alternate" type="application/rss+xml" title={page.siteName} href={page.feedUrl} />
    <meta property="og:type" content="article" />
    <meta property="og:site_name" content={page.siteName} />
    <meta property="og:title" content={page.title} />
    <meta property="og:description" content={page.description} />
    <meta property="og:url" content={page.canonicalUrl} />
    {page.ogLocale === null ? null : <meta property="og:locale" content={page.ogLocale} />}
    {page.imageUrl === null ? null : <meta property="og:image" content={page.imageUrl} />}
    <meta property="article:published_time" content={page.publishedAt.toISOString()} />
    {page.modifiedAt === null ? null : (
      <meta property="article:modified_time" content={page.modifiedAt.toISOString()} />
    )}
    {page.tags.map((tag) => (
      <meta property="article:tag" content={tag.name} />
    ))}
    <meta name="twitter:card" content={page.imageUrl === null ? "summary" : "summary_large_image"} />
    <meta name="twitter:title" content={page.title} />
    <meta name="twitter:description" content={page.description} />
    {page.imageUrl === null ? null : <meta name="twitter:image" content={page.imageUrl} />}
  </>
);

export const ArticlePage: FC<{ page: ArticlePageModel }> = ({ page }) => (
  <Layout
    lang={page.lang}
    dir={page.dir}
    title={`${page.title} — ${page.siteName}`}
    head={<CardMeta page={page} />}
  >
    <header class="site">
      <a href={page.siteUrl}>{page.siteName}</a>
    </header>
    <main>
      <article>
        <h1>{page.title}</h1>
        <p class="meta">
          <time datetime={page.publishedAt.toISOString()}>{page.publishedLabel}</time>
          {page.author === null ? null : <> · {page.author}</>}
        </p>
        {page.imageUrl === null ? null : (
          <figure>
            <img src={page.imageUrl} alt="" referrerpolicy="no-referrer" />
          </figure>
        )}
        <div class="body">
          {page.paragraphs.map((lines) => (
            <p>{lines.flatMap((line, index) => (index === 0 ? [line] : [<br />, line]))}</p>
          ))}
        </div>
        {page.tags.length === 0 ? null : (
          <ul class="tags">
            {page.tags.map((tag) => (
              <li>
                <a href={tag.feedUrl} rel="tag">
                  #{tag.name}
                </a>
              </li>
            ))}
          </ul>
        )}
      </article>
    </main>
    <footer class="foot">
      <a href={page.feedUrl}>RSS</a>
    </footer>
  </Layout>
);
