import type { Redis } from "ioredis";
import type { Article } from "../domain/article.js";
import { conflict, notFound } from "../domain/errors.js";
import { newArticleId } from "./ids.js";
import { type RedisKeys, redisKeys } from "./keys.js";

/** An article ready to store: validated and normalised by the API layer. */
export type NewArticle = Omit<Article, "id" | "url" | "createdAt" | "updatedAt"> & {
  /** The article's own URL on the site; null → Sada's public page for it. */
  url: string | null;
};

export type ArticleChanges = Partial<Omit<Article, "id" | "createdAt" | "updatedAt">>;

export interface HistoryEntry {
  at: string;
  actor: string;
  action: "created" | "updated" | "deleted" | string;
  fields?: string[];
}

export interface ArticlePage {
  items: Article[];
  nextCursor: string | null;
}

export interface ArticleStore {
  /** Creates the article unless one with the same externalId (or, without one, url) exists. */
  create(input: NewArticle, actor: string): Promise<{ article: Article; created: boolean }>;
  get(id: string): Promise<Article | null>;
  getMany(ids: readonly string[]): Promise<Article[]>;
  list(options: { limit: number; cursor?: string | undefined }): Promise<ArticlePage>;
  update(id: string, changes: ArticleChanges, actor: string): Promise<Article>;
  delete(id: string, actor: string): Promise<boolean>;
  history(id: string): Promise<HistoryEntry[]>;
  /** Records an editor's action on the article (publish, cancel, retry) with its actor. */
  appendHistory(id: string, entry: HistoryEntry): Promise<void>;
}

const HISTORY_LENGTH = 200;
const OPTIMISTIC_RETRIES = 20;

/**
 * Creation is one Lua script so the uniqueness check and the writes are atomic: twenty
 * simultaneous creates of one externalId make one article.
 * KEYS: unique hash, index zset, article key, history key. ARGV: unique fields (0–2), id, json, history entry.
 */
const CREATE_SCRIPT = `
local fieldCount = tonumber(ARGV[1])
if fieldCount > 0 then
  local existing = redis.call('HGET', KEYS[1], ARGV[2])
  if existing then return {0, existing} end
end
local id = ARGV[fieldCount + 2]
for i = 2, fieldCount + 1 do redis.call('HSETNX', KEYS[1], ARGV[i], id) end
redis.call('SET', KEYS[3], ARGV[fieldCount + 3])
redis.call('ZADD', KEYS[2], 0, id)
redis.call('LPUSH', KEYS[4], ARGV[fieldCount + 4])
return {1, id}
`;

/**
 * Compare-and-set update: applies only if the stored JSON is still what was read (ARGV[1]), so
 * concurrent patches on one shared connection cannot lose each other's changes (WATCH would).
 * ARGV: old json, new json, history entry, id, history length, removed count, removed…, added….
 */
const UPDATE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'changed' end
local id = ARGV[4]
local removedCount = tonumber(ARGV[6])
for i = 7 + removedCount, #ARGV do
  local owner = redis.call('HGET', KEYS[2], ARGV[i])
  if owner and owner ~= id and string.sub(ARGV[i], 1, 4) == 'ext:' then return 'taken' end
end
for i = 7, 6 + removedCount do
  if redis.call('HGET', KEYS[2], ARGV[i]) == id then redis.call('HDEL', KEYS[2], ARGV[i]) end
end
for i = 7 + removedCount, #ARGV do redis.call('HSETNX', KEYS[2], ARGV[i], id) end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('LPUSH', KEYS[3], ARGV[3])
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[5]) - 1)
return 'ok'
`;

/** KEYS: article, unique, index, deliveries, history. ARGV: old json, id, history entry, history length, fields…. */
const DELETE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'changed' end
for i = 5, #ARGV do
  if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[2] then redis.call('HDEL', KEYS[2], ARGV[i]) end
end
redis.call('DEL', KEYS[1], KEYS[4])
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('LPUSH', KEYS[5], ARGV[3])
redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[4]) - 1)
return 'ok'
`;

/** Unique-index fields of an article: its externalId, and its url when the newsroom set one. */
function uniqueFields(article: Pick<Article, "externalId" | "url">, ownUrl: boolean): string[] {
  const fields: string[] = [];
  if (article.externalId !== null) fields.push(`ext:${article.externalId}`);
  if (ownUrl) fields.push(`url:${article.url}`);
  return fields;
}

/** The field that decides "same article" on create: externalId first, else the url. */
function lookupField(input: NewArticle): string | null {
  if (input.externalId !== null) return `ext:${input.externalId}`;
  if (input.url !== null) return `url:${input.url}`;
  return null;
}

export function createArticleStore(
  redis: Redis,
  options: { prefix: string; publicUrl: string },
): ArticleStore {
  const keys: RedisKeys = redisKeys(options.prefix);
  const publicArticleUrl = (id: string) => `${options.publicUrl}/articles/${id}`;

  const parse = (json: string | null): Article | null =>
    json === null ? null : (JSON.parse(json) as Article);

  async function get(id: string): Promise<Article | null> {
    return parse(await redis.get(keys.article(id)));
  }

  async function getMany(ids: readonly string[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const values = await redis.mget(...ids.map((id) => keys.article(id)));
    return values.flatMap((value) => {
      const article = parse(value);
      return article === null ? [] : [article];
    });
  }

  async function create(input: NewArticle, actor: string) {
    const now = new Date();
    const id = newArticleId(now.getTime());
    const article: Article = {
      id,
      title: input.title,
      body: input.body,
      url: input.url ?? publicArticleUrl(id),
      summary: input.summary,
      tags: input.tags,
      imageUrl: input.imageUrl,
      lang: input.lang,
      author: input.author,
      externalId: input.externalId,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const lookup = lookupField(input);
    // The lookup field goes first: the script checks only ARGV[2].
    const fields = uniqueFields(article, input.url !== null).sort((a, b) =>
      a === lookup ? -1 : b === lookup ? 1 : 0,
    );
    const checkedFields = lookup === null ? [] : fields;
    const entry: HistoryEntry = { at: article.createdAt, actor, action: "created" };
    const [created, resultId] = (await redis.eval(
      CREATE_SCRIPT,
      4,
      keys.articleUnique,
      keys.articleIndex,
      keys.article(id),
      keys.history(id),
      String(checkedFields.length),
      ...checkedFields,
      id,
      JSON.stringify({ ...article, createdBy: actor, updatedBy: actor }),
      JSON.stringify(entry),
    )) as [number, string];
    if (created === 1) return { article: { ...article, createdBy: actor, updatedBy: actor }, created: true };
    const existing = await get(resultId);
    if (existing === null) throw new Error("unique index points at a missing article");
    return { article: existing, created: false };
  }

  async function list({
    limit,
    cursor,
  }: {
    limit: number;
    cursor?: string | undefined;
  }): Promise<ArticlePage> {
    const max = cursor === undefined ? "+" : `(${cursor}`;
    // One more than asked tells whether a next page exists without a second round trip.
    const ids = await redis.zrevrangebylex(keys.articleIndex, max, "-", "LIMIT", 0, limit + 1);
    const pageIds = ids.slice(0, limit);
    const items = await getMany(pageIds);
    const last = pageIds.at(-1);
    return { items, nextCursor: ids.length > limit && last !== undefined ? last : null };
  }

  /** Reads the stored JSON as is: the update and delete scripts compare it to detect a race. */
  async function getRaw(id: string): Promise<{ raw: string; article: Article } | null> {
    const raw = await redis.get(keys.article(id));
    return raw === null ? null : { raw, article: JSON.parse(raw) as Article };
  }

  async function update(id: string, changes: ArticleChanges, actor: string): Promise<Article> {
    for (let attempt = 0; attempt < OPTIMISTIC_RETRIES; attempt++) {
      const current = await getRaw(id);
      if (current === null) throw notFound("The article");
      const next: Article = { ...current.article, ...changes, id, updatedAt: new Date().toISOString() };
      if (changes.url === null) next.url = publicArticleUrl(id);
      const before = uniqueFields(current.article, current.article.url !== publicArticleUrl(id));
      const after = uniqueFields(next, next.url !== publicArticleUrl(id));
      const added = after.filter((field) => !before.includes(field));
      const removed = before.filter((field) => !after.includes(field));
      const entry: HistoryEntry = {
        at: next.updatedAt,
        actor,
        action: "updated",
        fields: Object.keys(changes),
      };
      const stored = { ...next, updatedBy: actor };
      const outcome = (await redis.eval(
        UPDATE_SCRIPT,
        3,
        keys.article(id),
        keys.articleUnique,
        keys.history(id),
        current.raw,
        JSON.stringify(stored),
        JSON.stringify(entry),
        id,
        String(HISTORY_LENGTH),
        String(removed.length),
        ...removed,
        ...added,
      )) as string;
      if (outcome === "taken")
        throw conflict("external_id_taken", "Another article already has this externalId.");
      if (outcome === "ok") return stored;
      // "changed": another writer got there first; read again and re-apply the patch.
    }
    throw conflict("concurrent_update", "The article changed while it was being updated; try again.");
  }

  async function remove(id: string, actor: string): Promise<boolean> {
    for (let attempt = 0; attempt < OPTIMISTIC_RETRIES; attempt++) {
      const current = await getRaw(id);
      if (current === null) return false;
      const fields = uniqueFields(current.article, current.article.url !== publicArticleUrl(id));
      const entry: HistoryEntry = { at: new Date().toISOString(), actor, action: "deleted" };
      const outcome = (await redis.eval(
        DELETE_SCRIPT,
        5,
        keys.article(id),
        keys.articleUnique,
        keys.articleIndex,
        keys.deliveries(id),
        keys.history(id),
        current.raw,
        id,
        JSON.stringify(entry),
        String(HISTORY_LENGTH),
        ...fields,
      )) as string;
      if (outcome === "ok") return true;
    }
    throw conflict("concurrent_update", "The article changed while it was being deleted; try again.");
  }

  async function history(id: string): Promise<HistoryEntry[]> {
    const entries = await redis.lrange(keys.history(id), 0, HISTORY_LENGTH - 1);
    return entries.map((entry) => JSON.parse(entry) as HistoryEntry);
  }

  async function appendHistory(id: string, entry: HistoryEntry): Promise<void> {
    await redis
      .multi()
      .lpush(keys.history(id), JSON.stringify(entry))
      .ltrim(keys.history(id), 0, HISTORY_LENGTH - 1)
      .exec();
  }

  return { create, get, getMany, list, update, delete: remove, history, appendHistory };
}
