import { Hono } from "hono";
import type { Config } from "../../config/index.js";
import type { AppEnv } from "../api/app-env.js";
import { cleanLine } from "../format/clean.js";
import type { ArticleStore } from "../store/article-store.js";
import type { PublicationIndex } from "../store/publication-index.js";
import { ArticlePage } from "./article-page.js";
import { renderDocument } from "./layout.js";
import { NotFoundPage } from "./not-found-page.js";
import { articlePageModel } from "./page-model.js";
import { PAGE_CSP } from "./page-style.js";

/** Ids are short opaque strings; anything much longer is not one, and needs no Redis lookup. */
const MAX_ID_LENGTH = 128;
/** A correction should show within a minute; the page is cheap to render. */
export const PAGE_CACHE_CONTROL = "public, max-age=60";

export interface PageRoutesDeps {
  config: Config;
  publication: Pick<PublicationIndex, "publicSince">;
  articles: Pick<ArticleStore, "get">;
}

/** `GET /articles/{id}`: the public page of a published article (contract: public surface). */
export function pageRoutes(deps: PageRoutesDeps): Hono<AppEnv> {
  const { config } = deps;
  const siteName = cleanLine(config.FEED_TITLE);
  const siteUrl = config.FEED_SITE_URL ?? config.publicUrl;
  const app = new Hono<AppEnv>();

  app.get("/articles/:id", async (c) => {
    c.header("Content-Security-Policy", PAGE_CSP);
    const id = c.req.param("id");
    // Public first: an article that exists but was never published must not leak, not even its
    // existence, so both cases give the same 404.
    const since = id.length > MAX_ID_LENGTH ? null : await deps.publication.publicSince(id);
    const article = since === null ? null : await deps.articles.get(id);
    if (since === null || article === null) {
      c.header("Cache-Control", "no-store");
      return c.html(renderDocument(<NotFoundPage siteName={siteName} siteUrl={siteUrl} />), 404);
    }
    c.header("Cache-Control", PAGE_CACHE_CONTROL);
    return c.html(renderDocument(<ArticlePage page={articlePageModel(article, since, config)} />));
  });
  return app;
}
