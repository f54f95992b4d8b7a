import { describe, expect, it } from "vitest";
import { article } from "../../../seeds/seed-article.js";
import { hashtagsFor, toHashtag } from "../../../src/format/hashtags.js";
import { renderPreview } from "../../../src/format/preview.js";
import { sentences } from "../../../src/format/segment.js";
import { uiStrings } from "../../../src/format/ui-strings.js";
import { expectValidPreview } from "./check-outputs.js";

const LONG_URL =
  "https://example.com/news/2023/some/really/long/path/segment?query=string&with=many&params=1";

describe("links X does not recognise", () => {
  it.each([
    ["a long localhost link", `http://localhost:8080/news/${"x".repeat(290)}`],
    ["a short localhost link", "http://localhost:3000/articles/0mx1abc"],
    ["an intranet host", `http://newsroom/${"segment/".repeat(40)}`],
  ])("%s still gives a valid post", (_name, url) => {
    const input = article({ url, title: "Title", body: "A sentence. Another one." });
    for (const twitterThreadMax of [1, 3]) {
      expectValidPreview(input, renderPreview(input, { twitterThreadMax }));
    }
  });
});

describe("plain tables: every channel valid", () => {
  it.each([
    [
      "English",
      {
        lang: "en",
        title: "Coalition affirms lasting partnership",
        body: "Gen. Paul T. Calvert said the partnership continues. He thanked the forces. ".repeat(20),
      },
    ],
    [
      "mixed Arabic/English",
      {
        lang: "ar",
        title: "التحالف الدولي and the SDF",
        body: "قال الجنرال (Paul T. Calvert) إن الشراكة مستمرة. The coalition said so too. ".repeat(15),
      },
    ],
    [
      "a 300-character title",
      { lang: "ar", title: "عنوان طويل جدا ".repeat(20).slice(0, 300), body: "جملة قصيرة." },
    ],
    ["a 300-character title without spaces", { lang: "ar", title: "ع".repeat(300), body: "جملة قصيرة." }],
    ["a body with no punctuation", { lang: "ar", body: "كلمة عربية بلا أي علامة ترقيم ".repeat(300) }],
    ["a body full of long URLs", { lang: "en", body: `${LONG_URL} `.repeat(200) }],
    ["a body of one endless word", { lang: "en", body: "a".repeat(5000) }],
    [
      "HTML-looking text",
      {
        lang: "en",
        title: '<b>Bold</b> & <br> "quotes"',
        body: "Use <p> & &amp; <script>alert(1)</script>.",
      },
    ],
    ["emoji", { lang: "en", title: "👨‍👩‍👧 families 🇸🇾", body: "😀 ".repeat(400) }],
    ["an unknown language tag", { lang: "not a real tag!", body: "Words and words. More words." }],
    // The longest bodies the API accepts, in shapes that once took a formatter seconds to minutes
    // (segmenters and parseTweet grow faster than the text): no punctuation, only punctuation,
    // no spaces at all. They must produce valid posts like any other (see bench/format.ts for time).
    ["100,000 characters of one unpunctuated paragraph", { lang: "en", body: "a ".repeat(50_000) }],
    ["100,000 characters of Arabic without punctuation", { lang: "ar", body: "ال ".repeat(33_000) }],
    ["100,000 characters of question marks", { lang: "ar", body: "؟ ".repeat(50_000) }],
    ["100,000 characters of elided quotes", { lang: "ar", body: "(..) ".repeat(20_000) }],
    ["100,000 characters without a space", { lang: "ar", body: "ب".repeat(100_000) }],
    ["100,000 characters of dotted tokens", { lang: "en", body: "x.".repeat(50_000) }],
  ])("%s", (_name, fields) => {
    const input = article({ ...fields, tags: ["News", "قوات سوريا الديمقراطية", "C++"] });
    for (const twitterThreadMax of [1, 3]) {
      expectValidPreview(input, renderPreview(input, { twitterThreadMax }));
    }
    const withPhoto = article({ ...fields, imageUrl: "https://example.org/p.jpg" });
    expectValidPreview(withPhoto, renderPreview(withPhoto, { twitterThreadMax: 1 }));
  });

  it("writes English posts in English", () => {
    const preview = renderPreview(
      article({ lang: "en", title: "Coalition", body: "Gen. Calvert spoke. He thanked the forces." }),
      { twitterThreadMax: 1 },
    );
    expect(preview.twitter.posts[0]?.text).toBe(
      "Coalition\n\nGen. Calvert spoke. He thanked the forces.\n\nhttps://example.org/a1",
    );
    expect(preview.telegram.text).toBe(
      '<b>Coalition</b>\n\nGen. Calvert spoke. He thanked the forces.\n\n<a href="https://example.org/a1">Read more</a>',
    );
  });

  it("escapes HTML-looking text for Telegram and RSS", () => {
    const preview = renderPreview(article({ title: "A <b> & B", body: "x < y & z > w." }), {
      twitterThreadMax: 1,
    });
    expect(preview.telegram.text).toContain("<b>A &lt;b&gt; &amp; B</b>");
    expect(preview.telegram.text).toContain("x &lt; y &amp; z &gt; w.");
    expect(preview.rss.contentHtml).toBe("<p>x &#60; y &#38; z &#62; w.</p>");
  });
});

describe("sentences", () => {
  it.each([
    [
      "الجنرال بول تي كالفيرت (Paul T. Calvert) قال شيئا. ثم مضى.",
      ["الجنرال بول تي كالفيرت (Paul T. Calvert) قال شيئا.", "ثم مضى."],
    ],
    [
      "قال: “معاً لحماية المدنيين (..). وساهمت قواتنا”. انتهى.",
      ["قال: “معاً لحماية المدنيين (..). وساهمت قواتنا”.", "انتهى."],
    ],
    ["هل انتهى؟ نعم، انتهى.", ["هل انتهى؟", "نعم، انتهى."]],
    ["Dr. Smith met Gen. Calvert. They talked.", ["Dr. Smith met Gen. Calvert.", "They talked."]],
    ["Mr. J. R. Smith left.", ["Mr. J. R. Smith left."]],
  ])("%s", (text, expected) => {
    expect(sentences(text, "ar")).toEqual(expected);
  });
});

describe("hashtags", () => {
  it.each([
    ["قوات سوريا الديمقراطية", "قوات_سوريا_الديمقراطية"],
    ["داعش!", "داعش"],
    ["covid-19", "covid_19"],
    ["C++", "C"],
    ["100%", null],
    ["2023", null],
    ["!!!", null],
    ["  ", null],
    ["مُحَمَّد", "مُحَمَّد"],
  ])("%s → %s", (tag, expected) => {
    expect(toHashtag(tag)).toBe(expected);
  });

  it("drops duplicates", () => {
    expect(hashtagsFor(["News", "news", "NEWS!"])).toEqual(["#News"]);
  });
});

describe("ui strings", () => {
  it.each([
    ["ar", "اقرأ المزيد"],
    ["ar-SY", "اقرأ المزيد"],
    ["en-GB", "Read more"],
    ["xx", "Read more"],
    ["", "Read more"],
  ])("%s", (lang, readMore) => {
    expect(uiStrings(lang).readMore).toBe(readMore);
  });
});
