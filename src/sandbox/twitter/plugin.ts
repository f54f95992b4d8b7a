import http from "node:http";
import type { IClientSettings, ITwitterApiClientPlugin } from "twitter-api-v2";

/**
 * A twitter-api-v2 plugin that sends every request (media upload included) to `origin`.
 * twitter-api-v2 has no base-URL option; rewriting `computedParams.url` in `onBeforeRequest`
 * happens after the OAuth signature was computed for the real URL and after the body mode was
 * chosen, so both stay right. Rewriting earlier (`onBeforeRequestConfig`) breaks multipart
 * detection (platforms.md, "Pointing at another origin"). For an `http://` origin the client also
 * needs `httpAgent: new http.Agent()`, or Node refuses the protocol.
 */
export function createSandboxTwitterPlugin(origin: string): ITwitterApiClientPlugin {
  const target = new URL(origin);
  return {
    onBeforeRequest({ computedParams }) {
      computedParams.url.protocol = target.protocol;
      computedParams.url.host = target.host;
    },
  };
}

/** Client settings for `new TwitterApi(credentials, settings)` that reach the X stand-in at `origin`. */
export function sandboxTwitterSettings(origin: string): Partial<IClientSettings> {
  return {
    plugins: [createSandboxTwitterPlugin(origin)],
    ...(origin.startsWith("http://") ? { httpAgent: new http.Agent() } : {}),
  };
}
