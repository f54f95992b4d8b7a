/**
 * RSS 2.0 requires `url`, `length` and `type` on an enclosure. Sada never downloads the image, so
 * `length` is 0 ("unknown", accepted by the validators and readers) and the type comes from the
 * path's extension. An image URL without a known extension (a CDN `?id=` URL) gets no enclosure:
 * a guessed type would mislead readers, and the page's og:image still carries the picture.
 */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
};

export interface Enclosure {
  url: string;
  type: string;
  size: 0;
}

export function imageEnclosure(imageUrl: string | null): Enclosure | null {
  if (imageUrl === null) return null;
  let pathname: string;
  try {
    const url = new URL(imageUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    pathname = url.pathname;
  } catch {
    return null;
  }
  const extension = /\.([a-z0-9]+)$/iu.exec(pathname)?.[1]?.toLowerCase();
  const type = extension === undefined ? undefined : IMAGE_TYPES[extension];
  return type === undefined ? null : { url: imageUrl, type, size: 0 };
}
