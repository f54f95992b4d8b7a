import type { Clock } from "../rate-limit.js";

/** Facebook's practical text limit for a Page post (platforms.md: about 63,000 characters). */
export const FACEBOOK_MESSAGE_MAX = 63_206;
/** A scheduled post must be 10 minutes to 30 days ahead (Graph API, Page feed). */
export const SCHEDULE_MIN_SECONDS = 10 * 60;
export const SCHEDULE_MAX_SECONDS = 30 * 24 * 3600;
/** Page calls per window before code 32 (the Business Use Case limit scales with the Page). */
export const FACEBOOK_CALLS_PER_WINDOW = 200;
export const FACEBOOK_WINDOW_MS = 60 * 60 * 1000;

export interface FacebookSandboxOptions {
  pageId?: string;
  pageName?: string;
  pageToken?: string;
  callsPerWindow?: number;
  windowMs?: number;
  clock?: Clock;
}

export interface ResolvedFacebookOptions {
  pageId: string;
  pageName: string;
  pageToken: string;
  callsPerWindow: number;
  windowMs: number;
  clock: Clock;
}

export function resolveFacebookOptions(options: FacebookSandboxOptions = {}): ResolvedFacebookOptions {
  return {
    pageId: options.pageId ?? "100000000000001",
    pageName: options.pageName ?? "صدى — Sada sandbox",
    pageToken: options.pageToken ?? "EAAsandbox-page-token-not-a-real-facebook-token",
    callsPerWindow: options.callsPerWindow ?? FACEBOOK_CALLS_PER_WINDOW,
    windowMs: options.windowMs ?? FACEBOOK_WINDOW_MS,
    clock: options.clock ?? (() => Date.now()),
  };
}
