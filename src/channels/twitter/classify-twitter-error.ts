import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from "twitter-api-v2";
import { ChannelError } from "../channel.js";
import { surelyNotSent } from "../network-errors.js";

/**
 * X answers a repeated text with 403 and this exact `detail`; v2 carries no numeric code for it
 * (`hasErrorCode(187)` does not catch it), so the detail is matched — the one place a text is
 * compared, as platforms.md prescribes.
 */
export const X_DUPLICATE_DETAIL = "You are not allowed to create a Tweet with duplicate content.";

/** When every rate-limit window (15-minute, app day, user day) that is spent resets, in ms from now. */
function rateLimitWaitMs(error: ApiResponseError, now: number): number {
  const limit = error.rateLimit;
  const resets = [limit, limit?.day, limit?.userDay]
    .filter((window) => window !== undefined && (window.remaining === 0 || window === limit))
    .map((window) => (window?.reset ?? 0) * 1000);
  const latest = Math.max(0, ...resets);
  // X sends no Retry-After; without a reset header, wait a whole 15-minute window.
  return latest > now ? latest - now : 15 * 60 * 1000;
}

/** Maps twitter-api-v2 errors to channel error kinds by type and HTTP status. */
export function classifyTwitterError(error: unknown, now = Date.now()): ChannelError {
  if (error instanceof ChannelError) return error;
  if (error instanceof ApiResponseError) {
    const status = error.code;
    if (status === 429) {
      return new ChannelError(
        "rate_limited",
        "rate_limited",
        "X's rate limit is reached; posting resumes when it resets.",
        rateLimitWaitMs(error, now),
      );
    }
    if (status === 403 && error.data?.detail === X_DUPLICATE_DETAIL) {
      return new ChannelError("duplicate", "duplicate", "X already has this exact post.");
    }
    if (status === 401) {
      return new ChannelError(
        "auth",
        "auth_failed",
        "X refused the credentials: renew the access token and secret (TWITTER_*).",
      );
    }
    if (status === 403) {
      // X answers 403 both for content it will not take (too long, a policy) and for an account
      // that may not post; only its `detail` tells which, so the editor is shown it. A dead token
      // is a 401 (above), the one case that marks the channel itself as not ok.
      const detail = typeof error.data?.detail === "string" ? `: ${error.data.detail}` : "";
      return new ChannelError("rejected", "forbidden", `X refused the post (403${detail}).`);
    }
    if (status >= 500)
      return new ChannelError("transient", "platform_error", `X answered ${status}; it will be retried.`);
    return new ChannelError(
      "rejected",
      "rejected",
      `X refused the post (${status}${error.data?.detail ? `: ${error.data.detail}` : ""}).`,
    );
  }
  if (error instanceof ApiRequestError) {
    return surelyNotSent(error.requestError)
      ? new ChannelError("transient", "network", "X could not be reached; it will be retried.")
      : new ChannelError(
          "unknown_outcome",
          "connection_lost",
          "The connection to X broke before an answer came.",
        );
  }
  if (error instanceof ApiPartialResponseError) {
    return new ChannelError(
      "unknown_outcome",
      "connection_lost",
      "X's answer was cut off; the post may exist.",
    );
  }
  return new ChannelError("transient", "unexpected", "Posting to X failed unexpectedly; it will be retried.");
}
