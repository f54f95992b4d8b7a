/** Images larger than this are not attached (X: 5 MB for images). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const IMAGE_TIMEOUT_MS = 10_000;
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/**
 * Downloads an article's image for platforms that need the bytes (X media upload). Returns null
 * for anything unusable, so a bad image never blocks the post itself.
 */
export async function fetchImage(url: string): Promise<{ bytes: Buffer; type: ImageType } | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(IMAGE_TIMEOUT_MS), redirect: "follow" });
    const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() as ImageType;
    const length = Number(response.headers.get("content-length") ?? "0");
    if (!response.ok || !IMAGE_TYPES.includes(type) || length > MAX_IMAGE_BYTES || response.body === null) {
      await response.body?.cancel();
      return null;
    }
    // Read at most MAX_IMAGE_BYTES, whatever the server claims (or does not claim) the size is.
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > MAX_IMAGE_BYTES) return null;
      chunks.push(chunk);
    }
    return size > 0 ? { bytes: Buffer.concat(chunks), type } : null;
  } catch {
    return null;
  }
}
