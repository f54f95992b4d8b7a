import type { Config } from "../../config/index.js";
import type { FormatOptions } from "./options.js";

/**
 * The formatter options a running Sada uses. The preview route and the delivery workers both take
 * them from here, so what an editor previews is byte for byte what is sent.
 */
export function formatOptions(config: Config): FormatOptions {
  return { twitterThreadMax: config.TWITTER_THREAD_MAX, boilerplate: config.boilerplate };
}
