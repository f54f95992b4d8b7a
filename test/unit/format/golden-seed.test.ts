import twitterText from "twitter-text";
import { describe, expect, it } from "vitest";
import { seedArticle } from "../../../seeds/seed-article.js";
import {
  formatFacebook,
  formatRss,
  formatTelegram,
  formatTelegramBot,
  formatTwitter,
  renderPreview,
} from "../../../src/format/preview.js";
import { checkTelegramHtml } from "../../../src/format/telegram-html.js";

/**
 * Golden outputs for the seed article, written out so a reader can judge them. The footer
 * (from the dashed line on: the mail address, «ملاحظاتك», «تابعنا») must appear nowhere.
 */
const options = { twitterThreadMax: 1 };
const FOOTER_WORDS = ["vdcnsy@gmail.com", "ملاحظاتك", "تابعنا", "يمكنكم المشاركة", "-----"];

describe("seed article golden outputs", () => {
  const preview = renderPreview(seedArticle(), options);

  it("twitter: title, first sentence, the hashtag that fits, URL on its own line", () => {
    expect(preview.twitter.posts).toEqual([
      {
        text: [
          "التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية",
          "",
          "أكد قائد قوة المهام المشتركة – عملية العزم الصلب، الجنرال بول تي كالفيرت، أنّ الشراكة بين التحالف الدولي وقسد مستمرة، وقال “التحالف يدعمكم ويدعم قوات سوريا الديمقراطية 100%”.",
          "",
          "#داعش",
          "",
          "https://example.org/2023/alliance",
        ].join("\n"),
        weightedLength: 269,
      },
    ]);
    expect(twitterText.parseTweet(preview.twitter.posts[0]?.text ?? "").valid).toBe(true);
  });

  it("twitter thread of up to 3 posts: numbered, link in the first, hashtags closing", () => {
    const posts = formatTwitter(seedArticle(), { twitterThreadMax: 3 }).posts;
    expect(posts.map((post) => post.text)).toEqual([
      [
        "1/3",
        "",
        "التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية",
        "",
        "أكد قائد قوة المهام المشتركة – عملية العزم الصلب، الجنرال بول تي كالفيرت، أنّ الشراكة بين التحالف الدولي وقسد مستمرة، وقال “التحالف يدعمكم ويدعم قوات سوريا الديمقراطية 100%”.",
        "",
        "https://example.org/2023/alliance",
      ].join("\n"),
      [
        "2/3",
        "",
        "وتوجه قائد قوة المهام المشتركة – عملية العزم الصلب، الجنرال بول تي كالفيرت (Paul t. calvert)، بالشكر إلى قوات سوريا الديمقراطية على الجهود التي بذلتها في دحر داعش، وقال: “شرف لي أن أتكلم أمامكم؛ أمام هؤلاء الذين دافعوا وضحّوا كثيراً ضد داعش”.",
      ].join("\n"),
      [
        "3/3",
        "",
        "وأوضح بول تي كالفيرت خلال الاجتماع السنوي للمجالس العسكرية في قوات سوريا الديمقراطية المنعقد بمدينة الحسكة أنّ داعش انتهت جغرافياً نتيجة الشراكة بينهم وبين قوات سوريا الديمقراطية.",
        "",
        "#قوات_سوريا_الديمقراطية #داعش #التحالف_الدولي",
      ].join("\n"),
    ]);
    expect(posts.map((post) => post.weightedLength)).toEqual([267, 247, 231]);
  });

  it("telegram: bold title, three whole paragraphs, «اقرأ المزيد» link, hashtags", () => {
    expect(preview.telegram).toEqual({
      text: [
        "<b>التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية</b>",
        "",
        "أكد قائد قوة المهام المشتركة – عملية العزم الصلب، الجنرال بول تي كالفيرت، أنّ الشراكة بين التحالف الدولي وقسد مستمرة، وقال “التحالف يدعمكم ويدعم قوات سوريا الديمقراطية 100%”.",
        "",
        "وتوجه قائد قوة المهام المشتركة – عملية العزم الصلب، الجنرال بول تي كالفيرت (Paul t. calvert)، بالشكر إلى قوات سوريا الديمقراطية على الجهود التي بذلتها في دحر داعش، وقال: “شرف لي أن أتكلم أمامكم؛ أمام هؤلاء الذين دافعوا وضحّوا كثيراً ضد داعش”.",
        "",
        "وأوضح بول تي كالفيرت خلال الاجتماع السنوي للمجالس العسكرية في قوات سوريا الديمقراطية المنعقد بمدينة الحسكة أنّ داعش انتهت جغرافياً نتيجة الشراكة بينهم وبين قوات سوريا الديمقراطية.",
        "",
        '<a href="https://example.org/2023/alliance">اقرأ المزيد</a>',
        "",
        "#قوات_سوريا_الديمقراطية #داعش #التحالف_الدولي",
      ].join("\n"),
      parseMode: "HTML",
    });
    const checked = checkTelegramHtml(preview.telegram.text);
    expect(checked.ok && checked.plainLength <= 4096).toBe(true);
  });

  it("telegram-bot: the same text as the channel (a text message, never a photo)", () => {
    expect(preview["telegram-bot"]).toEqual({ text: preview.telegram.text, parseMode: "HTML" });
    expect(formatTelegramBot(seedArticle(), options)).toEqual(preview["telegram-bot"]);
  });

  it("telegram with an image: a photo caption within 1024 characters", () => {
    const withPhoto = formatTelegram(seedArticle({ imageUrl: "https://example.org/photo.jpg" }), options);
    expect(withPhoto.photo).toBe("https://example.org/photo.jpg");
    // The seed's teaser already fits a caption, so the text does not change.
    expect(withPhoto.text).toBe(preview.telegram.text);
    const checked = checkTelegramHtml(withPhoto.text);
    expect(checked.ok && checked.plainLength <= 1024).toBe(true);
  });

  it("facebook: plain text, several whole paragraphs under 1,500 characters, hashtags; link apart", () => {
    expect(preview.facebook).toEqual({
      message: [
        "التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية",
        "",
        "أكد قائد قوة المهام المشتركة – عملية العزم الصلب، الجنرال بول تي كالفيرت، أنّ الشراكة بين التحالف الدولي وقسد مستمرة، وقال “التحالف يدعمكم ويدعم قوات سوريا الديمقراطية 100%”.",
        "",
        "وتوجه قائد قوة المهام المشتركة – عملية العزم الصلب، الجنرال بول تي كالفيرت (Paul t. calvert)، بالشكر إلى قوات سوريا الديمقراطية على الجهود التي بذلتها في دحر داعش، وقال: “شرف لي أن أتكلم أمامكم؛ أمام هؤلاء الذين دافعوا وضحّوا كثيراً ضد داعش”.",
        "",
        "وأوضح بول تي كالفيرت خلال الاجتماع السنوي للمجالس العسكرية في قوات سوريا الديمقراطية المنعقد بمدينة الحسكة أنّ داعش انتهت جغرافياً نتيجة الشراكة بينهم وبين قوات سوريا الديمقراطية.",
        "",
        "مؤكداً أنّ الشركة “مستمرة حتى هزيمة داعش”، وبيّن أنّهم حققوا في العام الماضي انتصارات كثيرة، وقال: “معاً لحماية المدنيين (..)، وساهمت قواتنا في عدة حملات مع قوات سوريا الديمقراطية، منها حملة الهول التي أدت لانتكاس قوة داعش، وساعدتنا الحملة في فهم خلايا داعش في المخيم”.",
        "",
        "وأردف بول تي كالفيرات أنّ قوات سوريا الديمقراطية ساهمت في تأمين السجون ومنع هروب داعش منها، وقال: “نهدف إلى القيام بمشاريع أخرى لدرء خطر داعش ضد شركائنا، ومن بينها تحسين هيكلية السجون”.",
        "",
        "ونوه الجنرال أنّهم في الأشهر السابقة نجحوا في إيصال ما يحدث في المنطقة إلى المجتمع الأوربي وكذلك ما يحدث في المخيمات، بالإضافة للوضع الاقتصادي.",
        "",
        "في حديثه قال كالفيرت: “نريد منكم أن تدركوا أنّ التحالف يدعمكم ويدعم قوات سوريا الديمقراطية 100% “، مضيفاً “نحن ملتزمون بدعمكم من أجل القضاء على داعش، ومجابهة التحديات في مجال الاقتصاد والزراعة التي تحد من محاربة داعش، لذلك نسعى جاهدين للتقليل من هذه الصعوبات”.",
        "",
        "#قوات_سوريا_الديمقراطية #داعش #التحالف_الدولي",
      ].join("\n"),
      link: "https://example.org/2023/alliance",
    });
  });

  it("rss: description, the whole body as <p> paragraphs, categories, guid = id", () => {
    const rss = preview.rss;
    expect(rss.title).toBe("التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية");
    expect(rss.description).toBe(
      [
        "أكد قائد قوة المهام المشتركة – عملية العزم الصلب، الجنرال بول تي كالفيرت، أنّ الشراكة بين التحالف الدولي وقسد مستمرة، وقال “التحالف يدعمكم ويدعم قوات سوريا الديمقراطية 100%”.",
        "",
        "وتوجه قائد قوة المهام المشتركة – عملية العزم الصلب، الجنرال بول تي كالفيرت (Paul t. calvert)، بالشكر إلى قوات سوريا الديمقراطية على الجهود التي بذلتها في دحر داعش، وقال: “شرف لي أن أتكلم أمامكم؛ أمام هؤلاء الذين دافعوا وضحّوا كثيراً ضد داعش”.",
        "",
        "وأوضح بول تي كالفيرت خلال الاجتماع السنوي للمجالس العسكرية في قوات سوريا الديمقراطية المنعقد بمدينة الحسكة أنّ داعش انتهت جغرافياً نتيجة الشراكة بينهم وبين قوات سوريا الديمقراطية.",
      ].join("\n"),
    );
    expect(rss.link).toBe("https://example.org/2023/alliance");
    expect(rss.guid).toBe("seed-000");
    expect(rss.categories).toEqual(["قوات سوريا الديمقراطية", "داعش", "التحالف الدولي"]);
    const paragraphs = rss.contentHtml.split("\n");
    expect(paragraphs).toHaveLength(16);
    expect(paragraphs[8]).toBe("<p>استمرار مكافحة داعش:</p>");
    expect(paragraphs.at(-1)).toBe(
      "<p>وأكدت ” على أهمية التعاون والتنسيق مع القوات المسلحة الروسية من أجل تحقيق خفض التصعيد على الحدودية الشمالية، ودعوا الحكومة الروسية إلى لعب دور أقوى في سبيل فتح الباب أمام الحلول السياسية الدائمة في سوريا، كما تم التأكيد مجددا على المضي قدما في عملية إعادة هيكلة قوات سوريا الديمقراطية، من أجل تعزيز القدرات الدفاعية.</p>",
    );
    expect(formatRss(seedArticle(), options)).toEqual(rss);
  });

  it("never lets the footer reach any channel", () => {
    const everything = JSON.stringify(preview);
    for (const word of FOOTER_WORDS) expect(everything).not.toContain(word);
  });

  it("each channel's formatter sends exactly what the preview shows", () => {
    expect(formatTwitter(seedArticle(), options)).toEqual(preview.twitter);
    expect(formatTelegram(seedArticle(), options)).toEqual(preview.telegram);
    expect(formatFacebook(seedArticle(), options)).toEqual(preview.facebook);
  });
});

describe("seed article with an editor's summary", () => {
  const summary = "ملخص كتبه المحرر. جملة ثانية.";

  it("uses the summary whole when it fits, everywhere", () => {
    const preview = renderPreview(seedArticle({ summary }), options);
    expect(preview.twitter.posts[0]?.text).toBe(
      [
        "التحالف الدولي يعلن الشراكة الدائمة مع قوات سوريا الديمقراطية",
        "",
        "ملخص كتبه المحرر. جملة ثانية.",
        "",
        "#قوات_سوريا_الديمقراطية #داعش #التحالف_الدولي",
        "",
        "https://example.org/2023/alliance",
      ].join("\n"),
    );
    expect(preview.telegram.text).toContain("\n\nملخص كتبه المحرر. جملة ثانية.\n\n");
    expect(preview.facebook.message).toContain("\n\nملخص كتبه المحرر. جملة ثانية.\n\n");
    expect(preview.rss.description).toBe(summary);
  });

  it("shortens a summary too long for X on whole words, with an ellipsis", () => {
    const long = "هذا ملخص طويل جدا ".repeat(30).trim();
    const text = formatTwitter(seedArticle({ summary: long }), options).posts[0]?.text ?? "";
    const lead = text.split("\n\n")[1] ?? "";
    expect(lead.endsWith("…")).toBe(true);
    expect(long.startsWith(lead.slice(0, -1))).toBe(true);
    expect(["هذا", "ملخص", "طويل", "جدا"]).toContain(lead.slice(0, -1).split(" ").at(-1));
  });
});
