import { createHmac, timingSafeEqual } from "node:crypto";

/** The four OAuth 1.0a user-context secrets the X stand-in accepts. */
export interface TwitterCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

/**
 * Requests are signed for the real origin: the sandbox plugin rewrites the URL only after
 * twitter-api-v2 computed the signature (platforms.md, "Pointing at another origin").
 */
export const REAL_X_ORIGIN = "https://api.x.com";

/** RFC 5849 §3.6 percent-encoding, as twitter-api-v2's OAuth1Helper does it. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!*'()]/gu,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Parses `Authorization: OAuth k="v", …`; undefined when it is not an OAuth header. */
export function parseOAuthHeader(header: string | undefined): Map<string, string> | undefined {
  if (header === undefined || !/^OAuth\s+/iu.test(header)) return undefined;
  const params = new Map<string, string>();
  for (const match of header.replace(/^OAuth\s+/iu, "").matchAll(/([A-Za-z0-9_]+)="([^"]*)"/gu)) {
    const [, key, value] = match;
    if (key === undefined || value === undefined) continue;
    try {
      params.set(key, decodeURIComponent(value));
    } catch {
      return undefined;
    }
  }
  return params;
}

/**
 * Whether an OAuth header carries the configured consumer key and token and a valid HMAC-SHA1
 * signature for this method, URL (real X origin or the stand-in's own) and query.
 * Bodies are not signed: JSON and multipart bodies are outside the signature (RFC 5849 §3.4.1.3).
 */
export function verifyOAuth(options: {
  header: string | undefined;
  method: string;
  /** Origins the signature may have been computed for. */
  origins: readonly string[];
  path: string;
  query: URLSearchParams;
  credentials: TwitterCredentials;
  checkSignature: boolean;
}): boolean {
  const params = parseOAuthHeader(options.header);
  if (params === undefined) return false;
  if (params.get("oauth_consumer_key") !== options.credentials.appKey) return false;
  if (params.get("oauth_token") !== options.credentials.accessToken) return false;
  if (!options.checkSignature) return true;
  const signature = params.get("oauth_signature");
  if (signature === undefined) return false;

  const pairs: [string, string][] = [];
  for (const [key, value] of params) if (key !== "oauth_signature") pairs.push([key, value]);
  for (const [key, value] of options.query) pairs.push([key, value]);
  const parameterString = pairs
    .map(([key, value]) => [percentEncode(key), percentEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const key = `${percentEncode(options.credentials.appSecret)}&${percentEncode(options.credentials.accessSecret)}`;
  const given = Buffer.from(signature);
  return options.origins.some((origin) => {
    const base = [
      options.method.toUpperCase(),
      percentEncode(origin + options.path),
      percentEncode(parameterString),
    ].join("&");
    const expected = Buffer.from(createHmac("sha1", key).update(base).digest("base64"));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
