/**
 * RFC 9110 §13.1: If-None-Match wins over If-Modified-Since when both are sent; ETags compare
 * weakly (a `W/` prefix is ignored), and `*` matches any current representation.
 */
export function isNotModified(
  request: { ifNoneMatch: string | undefined; ifModifiedSince: string | undefined },
  current: { etag: string; lastModified: number | null },
): boolean {
  if (request.ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//u, "");
    const wanted = opaque(current.etag);
    return request.ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === wanted);
  }
  if (request.ifModifiedSince !== undefined && current.lastModified !== null) {
    const since = Date.parse(request.ifModifiedSince);
    return Number.isFinite(since) && current.lastModified <= since;
  }
  return false;
}

/** Drops the milliseconds: Last-Modified is sent in whole seconds, and compared against itself. */
export const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;
