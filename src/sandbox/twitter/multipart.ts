/**
 * A raw multipart/form-data reader. twitter-api-v2 sends the media chunk of an `append` without
 * a filename, so standard FormData parsing turns the bytes into a lossy UTF-8 string; the X
 * stand-in needs the exact byte count to check `total_bytes` at finalize.
 */
export interface MultipartPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/iu.exec(contentType ?? "");
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    const start = position + delimiter.length;
    // `--boundary--` closes the body.
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + CRLF.length, next - CRLF.length);
    const headerEnd = part.indexOf(HEADER_END);
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const name = /name="([^"]*)"/iu.exec(headers)?.[1];
      if (name !== undefined) {
        parts.push({
          name,
          filename: /filename="([^"]*)"/iu.exec(headers)?.[1],
          contentType: /content-type:\s*([^\r\n]+)/iu.exec(headers)?.[1]?.trim(),
          data: Buffer.from(part.subarray(headerEnd + HEADER_END.length)),
        });
      }
    }
    position = next;
  }
  return parts;
}
