/**
 * The newsroom's boilerplate: text the site appends to every article that must never reach a
 * post. Kept here, not in code, so another newsroom changes patterns without touching logic.
 *
 * The seed article ends with:
 *   -------------------------------
 *   أنتم أيضاً يمكنكم المشاركة معنا عن طريق إرسال كتاباتكم عبر البريد : …   (contact line)
 *   ملاحظاتك: اقترح تصحيحاً - وثق بنفسك - قاعدة بيانات                      (corrections line)
 *   تابعنا : تويتر - تلغرام - فيسبوك                                        (follow-us line)
 */
export interface BoilerplatePatterns {
  /** A line that starts the footer: it and everything after it are dropped. */
  footerSeparator: RegExp;
  /** Lines dropped wherever they stand at the end of the article (footers without a separator). */
  trailingLines: readonly RegExp[];
  /** How far from the end (in non-empty lines) a separator may stand and still start a footer. */
  footerMaxLines: number;
}

export const DEFAULT_BOILERPLATE: BoilerplatePatterns = Object.freeze({
  // Five or more dashes, underscores, equals signs, asterisks or box-drawing dashes alone on a line.
  footerSeparator: /^\s*[-‐‑‒–—―_=*ـ─━]{5,}\s*$/u,
  trailingLines: Object.freeze([
    // "follow us: Twitter – Telegram – Facebook", Arabic and English.
    /^\s*(?:تابعونا|تابعنا|follow\s+us)\s*(?:على)?\s*[:：]?/iu,
    // "You too can take part by sending your writing by mail: …"
    /يمكنكم\s+المشاركة\s+معنا/u,
    // "Your notes: suggest a correction – …"
    /^\s*ملاحظاتك\s*[:：]/u,
    /^\s*(?:share\s+this|send\s+us\s+your)\b/iu,
  ]),
  footerMaxLines: 8,
});
