import fc from "fast-check";
import twitterText from "twitter-text";
import { describe, expect, it } from "vitest";
import { article } from "../../../seeds/seed-article.js";
import type { Article } from "../../../src/domain/article.js";
import { ELLIPSIS, truncateWords } from "../../../src/format/fit.js";
import { hashtagsFor } from "../../../src/format/hashtags.js";
import { renderPreview } from "../../../src/format/preview.js";
import { wordEnds } from "../../../src/format/segment.js";
import { expectValidPreview } from "./check-outputs.js";

const FOOTER = [
  "",
  "-------------------------------",
  "",
  "أنتم أيضاً يمكنكم المشاركة معنا عن طريق إرسال كتاباتكم عبر البريد : footermark@example.org",
  "",
  "تابعنا : تويتر - تلغرام - فيسبوك",
].join("\n");

const fragment = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      "قوات",
      "سوريا",
      "الديمقراطية",
      "التحالف",
      "داعش",
      "قال:",
      "؟",
      "،",
      "؛",
      "“",
      "”",
      "«",
      "»",
      "(..)",
      "(Paul t. calvert)",
      "The",
      "news",
      "U.S.",
      "Dr.",
      "Gen.",
      "said.",
      "What?",
      "Wow!",
      ".",
      "\n",
      "\n\n",
      "😀",
      "👨‍👩‍👧",
      "🇸🇾",
      "e\u0301",
      "ـ",
      "ﷺ",
      "\u200F",
      "\u200B",
      "\u0007",
      "\uFEFF",
      "https://example.com/a/very/long/path/that/keeps/going/and/going/and/going?x=1&y=2",
      "www.example.org/page",
      "example.com",
      "<b>",
      "</i>",
      "<br>",
      "<p>x</p>",
      "&amp;",
      "&nbsp;",
      "&",
      "<",
      ">",
      '"',
      "'",
      "#tag",
      "@user",
      "日本語のテキストです。",
      "ภาษาไทยไม่มีช่องว่าง",
      "Ελληνικά",
      "Русский",
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 15 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
);

const text = (maxParts: number) =>
  fc
    .tuple(fc.array(fragment, { maxLength: maxParts }), fc.constantFrom(" ", " ", ""))
    .map(([parts, joiner]) => parts.join(joiner));

const title = fc
  .oneof(text(12), fc.string({ unit: "grapheme", minLength: 200, maxLength: 300 }), text(80))
  .map((t) => t.slice(0, 300))
  .filter((t) => t.trim() !== "");

const tag = fc
  .oneof(
    fc.constantFrom("قوات سوريا الديمقراطية", "داعش", "C++", "100%", "New York", "<script>", "a&b"),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
  )
  .map((t) => t.slice(0, 60))
  .filter((t) => t.length > 0);

const articleArbitrary: fc.Arbitrary<Article> = fc
  .record({
    title,
    body: fc.oneof(text(60), text(400)).filter((b) => b.trim() !== ""),
    footer: fc.boolean(),
    summary: fc.option(text(40), { nil: null }),
    tags: fc.array(tag, { maxLength: 20 }),
    imageUrl: fc.option(fc.constant("https://example.org/photo.jpg"), { nil: null }),
    lang: fc.constantFrom("ar", "en", "ar-SY", "fr", "zh", "th", "und", "not a tag!", "x-klingon"),
    url: fc.constantFrom(
      "https://example.org/2023/alliance",
      "https://example.org/articles/some-very-long-slug-that-goes-on-and-on-and-on-and-on-for-a-while",
      "http://localhost:3000/articles/abc123",
    ),
  })
  .map(({ body, footer, ...fields }) => article({ ...fields, body: footer ? `${body}${FOOTER}` : body }));

describe("renderPreview over arbitrary articles", () => {
  it("produces valid, limited, escaped, footer-free output with no cut word", () => {
    fc.assert(
      fc.property(articleArbitrary, fc.integer({ min: 1, max: 4 }), (input, twitterThreadMax) => {
        const preview = renderPreview(input, { twitterThreadMax });
        expectValidPreview(input, preview);
        expect(preview.twitter.posts.length).toBeLessThanOrEqual(twitterThreadMax);
        const everything = JSON.stringify(preview);
        expect(everything).not.toContain("footermark");
        expect(everything).not.toContain("يمكنكم المشاركة");
      }),
      { numRuns: 250 },
    );
  });
});

describe("truncateWords", () => {
  it("returns a whole-word prefix plus … that fits, or nothing", () => {
    fc.assert(
      fc.property(
        text(40),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom("ar", "en", "th"),
        (t, max, lang) => {
          const result = truncateWords(t, (s) => s.length <= max, lang);
          if (result === "") return;
          expect(result.endsWith(ELLIPSIS)).toBe(true);
          expect(result.length).toBeLessThanOrEqual(max);
          const prefix = result.slice(0, -1);
          expect(t.startsWith(prefix)).toBe(true);
          // The cut is at a word end, less any dangling space or punctuation dropped before the `…`.
          const atWordEnd = wordEnds(t, lang).some(
            (end) => end >= prefix.length && !/[\p{L}\p{N}\p{M}]/u.test(t.slice(prefix.length, end)),
          );
          expect(atWordEnd).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("hashtagsFor", () => {
  it("only yields hashtags twitter-text reads back whole", () => {
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 20 }), (tags) => {
        for (const hashtag of hashtagsFor(tags)) {
          expect(twitterText.extractHashtags(hashtag)).toEqual([hashtag.slice(1)]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
