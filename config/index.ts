import { type BoilerplatePatterns, DEFAULT_BOILERPLATE } from "./boilerplate.js";
import { type Env, parseEnv } from "./env.js";

export { ConfigError, type Env, parseEnv } from "./env.js";

/** The configuration every part of Sada receives: the parsed environment plus derived values. */
export type Config = Readonly<
  Env & {
    /** Base URL for article links, the feed's self link and the webhook. No trailing slash. */
    publicUrl: string;
    boilerplate: BoilerplatePatterns;
  }
>;

/** Builds the frozen config from an environment (default: this process's). */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env = parseEnv(source);
  return Object.freeze({
    ...env,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    boilerplate: DEFAULT_BOILERPLATE,
  });
}

/** Every secret in the config, for the logger to scrub should one ever reach a log line. */
export function configSecrets(config: Config): string[] {
  const values = [
    config.TWITTER_APP_SECRET,
    config.TWITTER_ACCESS_TOKEN,
    config.TWITTER_ACCESS_SECRET,
    config.TELEGRAM_BOT_TOKEN,
    config.TELEGRAM_WEBHOOK_SECRET,
    config.FACEBOOK_PAGE_TOKEN,
    ...(config.API_TOKENS ?? []).map((token) => token.token),
  ];
  return values.filter((value): value is string => value !== undefined && value !== "");
}
