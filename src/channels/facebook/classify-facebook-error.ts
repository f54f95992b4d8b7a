import { ChannelError } from "../channel.js";

/** The Graph API's error body (platforms.md). */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

const THROTTLED = new Set([4, 17, 32, 613, 80001]);
const TEMPORARY = new Set([1, 2]);
/** Without a usable usage header, wait this long after a throttling answer. */
const DEFAULT_THROTTLE_WAIT_MS = 10 * 60 * 1000;

/**
 * `X-Business-Use-Case-Usage` (JSON keyed by business id → array of usage objects) says how long
 * the app is throttled in `estimated_time_to_regain_access` minutes.
 */
export function throttleWaitMs(usageHeader: string | null): number {
  if (usageHeader === null) return DEFAULT_THROTTLE_WAIT_MS;
  try {
    const usage = JSON.parse(usageHeader) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Object.values(usage)
      .flat()
      .map((entry) => entry.estimated_time_to_regain_access ?? 0);
    const longest = Math.max(0, ...minutes);
    return longest > 0 ? longest * 60_000 : DEFAULT_THROTTLE_WAIT_MS;
  } catch {
    return DEFAULT_THROTTLE_WAIT_MS;
  }
}

/** Classifies a Graph error by its numeric `code` (never by text), per platforms.md's table. */
export function classifyGraphError(
  status: number,
  error: GraphError | undefined,
  usageHeader: string | null,
): ChannelError {
  const code = error?.code;
  const detail = error?.message === undefined ? "" : ` (${error.message})`;
  if (code === 190) {
    return new ChannelError(
      "auth",
      "token_expired",
      "The Facebook Page token has expired or was revoked — renew it (FACEBOOK_PAGE_TOKEN).",
    );
  }
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
    return new ChannelError(
      "auth",
      "permission_missing",
      "The Facebook token lacks a permission to post on the Page (pages_manage_posts).",
    );
  }
  if (code === 506)
    return new ChannelError("duplicate", "duplicate", "Facebook already has this exact post.");
  if (code !== undefined && THROTTLED.has(code)) {
    return new ChannelError(
      "rate_limited",
      "throttled",
      "Facebook is throttling the Page; posting resumes later.",
      throttleWaitMs(usageHeader),
    );
  }
  if (code !== undefined && TEMPORARY.has(code)) {
    return new ChannelError(
      "transient",
      "platform_error",
      "Facebook had a temporary problem; it will be retried.",
    );
  }
  if (code === 368) {
    return new ChannelError(
      "rejected",
      "blocked_for_policy",
      `Facebook blocked the post for a policy reason${detail}; an editor must check the Page.`,
    );
  }
  if (code === 100)
    return new ChannelError("rejected", "invalid_parameter", `Facebook refused a parameter${detail}.`);
  if (status >= 500)
    return new ChannelError(
      "transient",
      "platform_error",
      `Facebook answered ${status}; it will be retried.`,
    );
  return new ChannelError(
    "rejected",
    "rejected",
    `Facebook refused the post (HTTP ${status}, code ${code ?? "none"})${detail}.`,
  );
}
