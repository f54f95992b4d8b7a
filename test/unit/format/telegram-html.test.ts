import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTelegramHtml, escapeTelegramHtml } from "../../../src/format/telegram-html.js";

describe("escapeTelegramHtml", () => {
  it("escapes the four characters Telegram's HTML mode reserves", () => {
    expect(escapeTelegramHtml(`a & b < c > d "e"`)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot;");
  });

  it("round-trips any text through the checker", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const result = checkTelegramHtml(escapeTelegramHtml(text));
        expect(result).toEqual({ ok: true, plainText: text, plainLength: text.length });
      }),
      { numRuns: 200 },
    );
  });
});

describe("checkTelegramHtml accepts", () => {
  it.each([
    ["<b>bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>i</ins>", "bold s i e u i"],
    ["<s>a</s><strike>b</strike><del>c</del><tg-spoiler>d</tg-spoiler>", "abcd"],
    ['<span class="tg-spoiler">x</span>', "x"],
    ['<a href="https://example.org/?a=1&amp;b=2">link</a>', "link"],
    ["<a href='https://example.org'>single quotes</a>", "single quotes"],
    ["<code>x &lt; y</code>", "x < y"],
    ['<pre><code class="language-ts">let a = 1;</code></pre>', "let a = 1;"],
    ["<blockquote>q</blockquote><blockquote expandable>e</blockquote>", "qe"],
    ['<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"],
    ["<B>upper</B>", "upper"],
    ["&lt;&gt;&amp;&quot; &#1575; &#x627;", `<>&" ا ا`],
    ["<b>bold <i>and italic</i></b>", "bold and italic"],
    ["سطر\nسطر آخر", "سطر\nسطر آخر"],
  ])("%s", (html, plain) => {
    expect(checkTelegramHtml(html)).toEqual({ ok: true, plainText: plain, plainLength: plain.length });
  });

  it("counts UTF-16 code units, as Telegram does", () => {
    const result = checkTelegramHtml("<b>😀</b>é");
    expect(result).toEqual({ ok: true, plainText: "😀é", plainLength: 3 });
  });
});

describe("checkTelegramHtml refuses", () => {
  it.each([
    ["hello <br> world", 'Unsupported start tag "br" at byte offset 6'],
    ["<p>para</p>", 'Unsupported start tag "p" at byte offset 0'],
    ["مرحبا <br>", 'Unsupported start tag "br" at byte offset 11'],
    ["<b>open", `Can't find end tag corresponding to start tag "b"`],
    ["<b><i>x</b></i>", 'Unmatched end tag, expected "</i>", found "</b>" at byte offset 7'],
    ["x</b>", "Unexpected end tag at byte offset 1"],
    ["a < b", "Unexpected end of name token at byte offset 2"],
    ["a > b", 'Character ">" must be escaped as "&gt;" at byte offset 2'],
    ["a & b", 'Character "&" must be escaped as "&amp;" at byte offset 2'],
    ["&nbsp;", 'Unsupported HTML entity "&nbsp;" at byte offset 0'],
    ["&#xD800;", 'Invalid HTML entity "&#xD800;" at byte offset 0'],
    ['<a href="x" target="_blank">t</a>', 'Unsupported attribute "target" in the tag "a" at byte offset 0'],
    ['<span class="red">t</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["<span>t</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["<b class=x>t</b>", 'Expected quoted value of the attribute "class" of the tag "b" at byte offset 9'],
    ["<tg-emoji>x</tg-emoji>", 'Tag "tg-emoji" must have attribute "emoji-id" at byte offset 0'],
    ["<code><b>x</b></code>", 'Tag "b" can\'t be nested inside "code" at byte offset 6'],
    ["<blockquote><blockquote>x</blockquote></blockquote>", 'Tag "blockquote" can\'t be nested'],
    ["<b/>", 'Unexpected character in the start tag "b" at byte offset 2'],
    ['<a href="x>y">t</a>', 'Character ">" must be escaped in attribute "href" at byte offset 10'],
    ["<b", 'Unclosed start tag "b" at byte offset 2'],
  ])("%s", (html, message) => {
    const result = checkTelegramHtml(html);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(`Bad Request: can't parse entities: ${message}`);
  });
});
