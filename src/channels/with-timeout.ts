import { ChannelError } from "./channel.js";

/** How long one platform call may take before its outcome is treated as unknown. */
export const SEND_TIMEOUT_MS = 30_000;

/**
 * Bounds a platform call. Some clients have no per-request timeout (twitter-api-v2); a call that
 * hangs after the request went out may still have posted, so a timeout is an unknown outcome.
 */
export async function withTimeout<T>(
  call: Promise<T>,
  what: string,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ChannelError(
            "unknown_outcome",
            "timeout",
            `${what} did not answer within ${timeoutMs / 1000} s.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
