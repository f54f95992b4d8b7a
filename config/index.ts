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
