/**
 * Network failures, classified by errno code (never by message): was the request possibly
 * delivered? A refused or unresolved connection never reached the platform; a reset, timeout or
 * broken pipe after connecting may have.
 */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The errno-like code of an error or of its `cause` chain (undici wraps it as `cause`). */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z_]+$/u.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a network error means the request surely never reached the platform. */
export function surelyNotSent(error: unknown): boolean {
  const code = networkCode(error);
  return code !== undefined && NEVER_SENT.has(code);
}
