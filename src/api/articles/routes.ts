import { Hono } from "hono";
import type { Config } from "../../../config/index.js";
import type { Article } from "../../domain/article.js";
import type { Delivery } from "../../domain/delivery.js";
import { notFound } from "../../domain/errors.js";
import { formatOptions } from "../../format/format-options-from-config.js";
import { renderPreview } from "../../format/preview.js";
import type { ArticleChanges, ArticleStore, NewArticle } from "../../store/article-store.js";
import { isArticleId } from "../../store/ids.js";
import type { AppEnv } from "../app-env.js";
import { readBody, readJsonObject } from "../read-body.js";
import { parseOr400, parseOr422 } from "../validate.js";
import { parseRawArticle } from "./parse-raw-article.js";
import {
  type CreateArticleBody,
  createArticleSchema,
  listQuerySchema,
  patchArticleSchema,
} from "./schemas.js";

export interface ArticleRoutesDeps {
  config: Config;
  store: ArticleStore;
  deliveries: { list(articleId: string, articleUpdatedAt?: string): Promise<Delivery[]> };
  /** Runs before an article is deleted: cancels its pending deliveries (publishing). */
  beforeDelete?: (articleId: string, actor: string) => Promise<void>;
}

/** The store's input from a validated create body. */
function toNewArticle(body: CreateArticleBody): NewArticle {
  return {
    title: body.title,
    body: body.body,
    url: body.url ?? null,
    summary: body.summary ?? null,
    tags: body.tags ?? [],
    imageUrl: body.imageUrl ?? null,
    lang: body.lang ?? "ar",
    author: body.author ?? null,
    externalId: body.externalId ?? null,
  };
}

/** Store changes from a validated patch body: null clears, a missing field is left alone. */
function toChanges(body: Record<string, unknown>): ArticleChanges {
  const changes: ArticleChanges = {};
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (field === "tags") changes.tags = (value as string[] | null) ?? [];
    else if (field === "lang") changes.lang = (value as string | null) ?? "ar";
    else if (field === "url")
      changes.url = value as string; // null handled by the store (→ public page)
    else (changes as Record<string, unknown>)[field] = value;
  }
  return changes;
}

export function articleRoutes(deps: ArticleRoutesDeps) {
  const app = new Hono<AppEnv>();

  /** Loads an article or throws 404; ids that could never exist skip the store. */
  async function load(id: string): Promise<Article> {
    const article = isArticleId(id) ? await deps.store.get(id) : null;
    if (article === null) throw notFound("The article");
    return article;
  }

  app.post("/", async (c) => {
    const body = await readBody(c, { text: true });
    const fields = body.kind === "text" ? parseRawArticle(body.value, deps.config.boilerplate) : body.value;
    const input = parseOr422(createArticleSchema, fields, "article");
    const { article, created } = await deps.store.create(toNewArticle(input), c.get("actor"));
    c.get("logger").info({ articleId: article.id, created, actor: c.get("actor") }, "article create");
    if (!created) return c.json(article, 200);
    c.header("Location", `/api/articles/${article.id}`);
    return c.json(article, 201);
  });

  app.get("/", async (c) => {
    const query = parseOr400(listQuerySchema, c.req.query(), "query");
    return c.json(await deps.store.list(query));
  });

  app.get("/:id", async (c) => {
    const article = await load(c.req.param("id"));
    return c.json({ ...article, deliveries: await deps.deliveries.list(article.id, article.updatedAt) });
  });

  app.get("/:id/preview", async (c) => {
    const article = await load(c.req.param("id"));
    return c.json(renderPreview(article, formatOptions(deps.config)));
  });

  app.get("/:id/history", async (c) => {
    const article = await load(c.req.param("id"));
    return c.json({ history: await deps.store.history(article.id) });
  });

  app.patch("/:id", async (c) => {
    const id = c.req.param("id");
    await load(id);
    const patch = parseOr422(patchArticleSchema, await readJsonObject(c, { optional: false }), "correction");
    const article = await deps.store.update(id, toChanges(patch), c.get("actor"));
    c.get("logger").info(
      { articleId: id, actor: c.get("actor"), fields: Object.keys(patch) },
      "article update",
    );
    return c.json(article);
  });

  app.delete("/:id", async (c) => {
    const id = c.req.param("id");
    await load(id);
    await deps.beforeDelete?.(id, c.get("actor"));
    if (!(await deps.store.delete(id, c.get("actor")))) throw notFound("The article");
    c.get("logger").info({ articleId: id, actor: c.get("actor") }, "article delete");
    return c.body(null, 204);
  });

  return app;
}
