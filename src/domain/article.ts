/** An article as stored and as answered by the API (contract: "Article"). */
export interface Article {
  id: string;
  title: string;
  body: string;
  /** Absolute URL of the article on the newsroom's site, or Sada's own public page. */
  url: string;
  /** Editor-written summary; null means "generate one". */
  summary: string | null;
  tags: string[];
  imageUrl: string | null;
  /** BCP 47 language tag; `ar` by default. */
  lang: string;
  author: string | null;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
  /** Names of the API tokens that created and last changed the article (the actors). */
  createdBy?: string;
  updatedBy?: string;
}

/** The fields an editor may set when creating an article. */
export interface ArticleInput {
  title: string;
  body: string;
  url?: string | undefined;
  summary?: string | undefined;
  tags?: string[] | undefined;
  imageUrl?: string | undefined;
  lang?: string | undefined;
  author?: string | undefined;
  externalId?: string | undefined;
}

/** A correction: any subset of the input fields; null clears an optional field. */
export type ArticlePatch = {
  [K in keyof ArticleInput]?: ArticleInput[K] | null;
};

/** Right-to-left scripts' languages, by primary subtag. */
const RTL_LANGUAGES = new Set(["ar", "fa", "he", "ur", "ps", "sd", "ckb", "yi", "dv", "ug"]);

export function textDirection(lang: string): "rtl" | "ltr" {
  const primary = lang.toLowerCase().split("-")[0] ?? "";
  return RTL_LANGUAGES.has(primary) ? "rtl" : "ltr";
}
