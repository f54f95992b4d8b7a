/**
 * What the bot says, in Arabic (the default) and English. Telegram HTML parse mode: callers
 * escape anything inserted (titles, topics) with escapeTelegramHtml.
 */
export type BotLang = "ar" | "en";

export interface BotStrings {
  welcome: string;
  welcomeBack: string;
  stopped: string;
  notSubscribed: string;
  help: string;
  topicsIntro: string;
  topicsNone: string;
  allTopics: string;
  followingAll: string;
  followed: (topic: string) => string;
  unfollowed: (topic: string) => string;
  latestTitle: string;
  latestEmpty: string;
  /** setMyCommands descriptions (1–256 characters, plain text). */
  commands: Record<"start" | "stop" | "topics" | "latest" | "help", string>;
}

const AR: BotStrings = {
  welcome:
    "أهلًا بك في صدى! ستصلك هنا كل المقالات الجديدة.\nاختر مواضيعك بـ /topics، وأحدث المقالات بـ /latest، وللإيقاف /stop.",
  welcomeBack: "أهلًا بعودتك! اشتراكك مفعّل من جديد بمواضيعك السابقة. غيّرها بـ /topics.",
  stopped: "تم إلغاء اشتراكك ولن تصلك مقالات بعد الآن. للعودة أرسل /start.",
  notSubscribed: "لست مشتركًا حاليًا. أرسل /start للاشتراك.",
  help: "الأوامر:\n/start — الاشتراك في المقالات الجديدة\n/topics — اختيار المواضيع\n/latest — أحدث خمس مقالات\n/stop — إلغاء الاشتراك\n/help — هذه المساعدة",
  topicsIntro: "اختر المواضيع التي تتابعها (بلا اختيار = كل المواضيع):",
  topicsNone: "لا توجد مواضيع بعد. ستصلك كل المقالات.",
  allTopics: "كل المواضيع",
  followingAll: "تتابع الآن كل المواضيع",
  followed: (topic) => `تتابع الآن: ${topic}`,
  unfollowed: (topic) => `ألغيت متابعة: ${topic}`,
  latestTitle: "أحدث المقالات:",
  latestEmpty: "لا توجد مقالات منشورة بعد.",
  commands: {
    start: "الاشتراك في المقالات الجديدة",
    stop: "إلغاء الاشتراك",
    topics: "اختيار المواضيع",
    latest: "أحدث خمس مقالات",
    help: "المساعدة",
  },
};

const EN: BotStrings = {
  welcome:
    "Welcome to Sada! Every new article will reach you here.\nChoose topics with /topics, see the newest with /latest, stop with /stop.",
  welcomeBack:
    "Welcome back! Your subscription is active again with your earlier topics. Change them with /topics.",
  stopped: "You are unsubscribed and will receive no more articles. Send /start to come back.",
  notSubscribed: "You are not subscribed. Send /start to subscribe.",
  help: "Commands:\n/start — subscribe to new articles\n/topics — choose topics\n/latest — the five newest articles\n/stop — unsubscribe\n/help — this help",
  topicsIntro: "Choose the topics you follow (none chosen = every topic):",
  topicsNone: "No topics yet. You will receive every article.",
  allTopics: "All topics",
  followingAll: "You now follow every topic",
  followed: (topic) => `Now following: ${topic}`,
  unfollowed: (topic) => `No longer following: ${topic}`,
  latestTitle: "Latest articles:",
  latestEmpty: "No published articles yet.",
  commands: {
    start: "Subscribe to new articles",
    stop: "Unsubscribe",
    topics: "Choose topics",
    latest: "The five newest articles",
    help: "Help",
  },
};

/** English when Telegram says the user's app is in English (`language_code` "en", "en-GB"…), else Arabic. */
export function botLang(languageCode: string | undefined): BotLang {
  return languageCode !== undefined && /^en(?:[-_]|$)/iu.test(languageCode) ? "en" : "ar";
}

export const botStrings = (lang: string): BotStrings => (lang === "en" ? EN : AR);
