import type { Telegram } from "telegraf";
import { botStrings } from "./bot-strings.js";
import { ALLOWED_UPDATES } from "./polling.js";
import { WEBHOOK_PATH } from "./webhook-route.js";

const COMMAND_ORDER = ["start", "topics", "latest", "stop", "help"] as const;

const commandsIn = (lang: string) => {
  const strings = botStrings(lang);
  return COMMAND_ORDER.map((command) => ({ command, description: strings.commands[command] }));
};

/**
 * At boot: the command menu (Arabic by default, English for apps set to English) and how updates
 * arrive — a webhook with a secret, or none (long polling; a leftover webhook would make every
 * getUpdates answer 409). Never logs: the setWebhook payload carries the secret.
 */
export async function registerBot(options: {
  telegram: Telegram;
  publicUrl: string;
  webhookSecret: string | undefined;
}): Promise<{ mode: "webhook" | "polling"; webhookUrl?: string }> {
  const { telegram } = options;
  await telegram.setMyCommands(commandsIn("ar"));
  await telegram.setMyCommands(commandsIn("en"), { language_code: "en" });
  if (options.webhookSecret === undefined) {
    await telegram.deleteWebhook({ drop_pending_updates: false });
    return { mode: "polling" };
  }
  const webhookUrl = `${options.publicUrl.replace(/\/+$/u, "")}${WEBHOOK_PATH}`;
  await telegram.setWebhook(webhookUrl, {
    secret_token: options.webhookSecret,
    allowed_updates: [...ALLOWED_UPDATES],
  });
  return { mode: "webhook", webhookUrl };
}
