import type { Clock } from "../rate-limit.js";
import type { TwitterCredentials } from "./oauth.js";

/** X's current per-user budget for POST /2/tweets: 100 per 15 minutes (platforms.md, "Limits"). */
export const X_POSTS_PER_WINDOW = 100;
export const X_WINDOW_MS = 15 * 60 * 1000;
/** Media upload budget per window; X's is far above any newsroom's needs. */
export const X_MEDIA_PER_WINDOW = 500;

/** Fake credentials a fresh sandbox accepts; clearly not real X secrets. */
export const DEFAULT_TWITTER_CREDENTIALS: TwitterCredentials = {
  appKey: "sandbox-app-key",
  appSecret: "sandbox-app-secret",
  accessToken: "1900000000000000001-sandboxaccesstoken",
  accessSecret: "sandbox-access-secret",
};

export interface TwitterSandboxOptions {
  credentials?: Partial<TwitterCredentials>;
  /** The posting account's handle, without `@`. */
  username?: string;
  postsPerWindow?: number;
  windowMs?: number;
  mediaPerWindow?: number;
  /** Verify the OAuth 1.0a HMAC-SHA1 signature too, not only the key and token (default true). */
  checkSignature?: boolean;
  clock?: Clock;
}

export interface ResolvedTwitterOptions {
  credentials: TwitterCredentials;
  username: string;
  postsPerWindow: number;
  windowMs: number;
  mediaPerWindow: number;
  checkSignature: boolean;
  clock: Clock;
}

export function resolveTwitterOptions(options: TwitterSandboxOptions = {}): ResolvedTwitterOptions {
  return {
    credentials: { ...DEFAULT_TWITTER_CREDENTIALS, ...options.credentials },
    username: options.username ?? "sada_sandbox",
    postsPerWindow: options.postsPerWindow ?? X_POSTS_PER_WINDOW,
    windowMs: options.windowMs ?? X_WINDOW_MS,
    mediaPerWindow: options.mediaPerWindow ?? X_MEDIA_PER_WINDOW,
    checkSignature: options.checkSignature ?? true,
    clock: options.clock ?? (() => Date.now()),
  };
}
