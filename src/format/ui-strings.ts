/**
 * The few words Sada itself writes into posts, by language (primary subtag), English fallback.
 * Arabic uses the newsroom's own wording «اقرأ المزيد».
 */
export interface UiStrings {
  readMore: string;
}

const UI_STRINGS: Readonly<Record<string, UiStrings>> = {
  ar: { readMore: "اقرأ المزيد" },
  en: { readMore: "Read more" },
  fr: { readMore: "Lire la suite" },
  de: { readMore: "Weiterlesen" },
  es: { readMore: "Leer más" },
  tr: { readMore: "Devamını oku" },
  fa: { readMore: "ادامه مطلب" },
  ku: { readMore: "Zêdetir bixwîne" },
};

export function uiStrings(lang: string): UiStrings {
  const primary = lang.trim().toLowerCase().split(/[-_]/u)[0] ?? "";
  return UI_STRINGS[primary] ?? { readMore: "Read more" };
}
