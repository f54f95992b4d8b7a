import { z } from "zod";
import { cleanLine, normalizeText } from "../../format/clean.js";

/** Field rules of the contract's article, each value normalised (NFC, no control characters). */

const MAX_TITLE = 300;
const MAX_BODY = 100_000;
const MAX_SUMMARY = 5_000;
const MAX_TAGS = 20;
const MAX_TAG = 60;
const MAX_EXTERNAL_ID = 200;
const MAX_AUTHOR = 200;
const MAX_URL = 2_048;

const line = (max: number) =>
  z
    .string()
    .transform((value) => cleanLine(value))
    .pipe(z.string().min(1, "must not be empty").max(max, `must be at most ${max} characters`));

const httpUrl = z
  .string()
  .trim()
  .max(MAX_URL, `must be at most ${MAX_URL} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an absolute http(s) URL")
  .transform((value) => new URL(value).toString());

const body = z
  .string()
  .transform((value) => normalizeText(value).trim())
  .pipe(z.string().min(1, "must not be empty").max(MAX_BODY, `must be at most ${MAX_BODY} characters`));

const summary = z
  .string()
  .transform((value) => normalizeText(value).trim())
  .pipe(z.string().min(1, "must not be empty").max(MAX_SUMMARY, `must be at most ${MAX_SUMMARY} characters`));

/** Tags, trimmed and de-duplicated case-insensitively, order kept. */
const tags = z
  .array(line(MAX_TAG), { error: "must be an array of strings" })
  .max(MAX_TAGS, `must hold at most ${MAX_TAGS} tags`)
  .transform((list) => {
    const seen = new Set<string>();
    return list.filter((tag) => {
      const key = tag.toLocaleLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

/** A BCP 47 tag, canonicalised (`AR-sy` → `ar-SY`); Intl refuses what is not well-formed. */
const lang = z
  .string()
  .trim()
  .transform((value, context) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(value);
      if (canonical !== undefined) return canonical;
    } catch {
      // fall through to the issue below
    }
    context.addIssue({ code: "custom", message: "must be a BCP 47 language tag such as ar or en-GB" });
    return z.NEVER;
  });

const externalId = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_EXTERNAL_ID, `must be at most ${MAX_EXTERNAL_ID} characters`);

export const createArticleSchema = z.strictObject({
  title: line(MAX_TITLE),
  body,
  url: httpUrl.optional(),
  summary: summary.optional(),
  tags: tags.optional(),
  imageUrl: httpUrl.optional(),
  lang: lang.optional(),
  author: line(MAX_AUTHOR).optional(),
  externalId: externalId.optional(),
});

/** A correction: every field optional; `null` clears an optional field. */
export const patchArticleSchema = z.strictObject({
  title: line(MAX_TITLE).optional(),
  body: body.optional(),
  url: httpUrl.nullable().optional(),
  summary: summary.nullable().optional(),
  tags: tags.nullable().optional(),
  imageUrl: httpUrl.nullable().optional(),
  lang: lang.nullable().optional(),
  author: line(MAX_AUTHOR).nullable().optional(),
  externalId: externalId.nullable().optional(),
});

export type CreateArticleBody = z.infer<typeof createArticleSchema>;
export type PatchArticleBody = z.infer<typeof patchArticleSchema>;

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int("must be a whole number").min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^[0-9a-z]{1,64}$/u, "is not a cursor this API returned")
    .optional(),
});
