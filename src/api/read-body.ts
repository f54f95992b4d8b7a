import type { Context } from "hono";
import { SadaError } from "../domain/errors.js";

export type RequestBody = { kind: "json"; value: unknown } | { kind: "text"; value: string };

/** Bodies over this are refused with 413 before they are read whole (contract). */
export const MAX_BODY_BYTES = 1024 * 1024;

function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * Reads a request body as JSON (or, where allowed, plain text), with the contract's statuses:
 * 415 for another media type, 400 for malformed JSON or bytes that are not UTF-8.
 */
export async function readBody(c: Context, accept: { text: boolean }): Promise<RequestBody> {
  return parseBody(c, new Uint8Array(await c.req.arrayBuffer()), accept);
}

async function parseBody(c: Context, bytes: Uint8Array, accept: { text: boolean }): Promise<RequestBody> {
  const type = mediaType(c);
  const isJson = type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/u.test(type);
  const isText = accept.text && type === "text/plain";
  if (!isJson && !isText) {
    const allowed = accept.text ? "application/json or text/plain" : "application/json";
    throw new SadaError(415, "unsupported_media_type", `Send the body as ${allowed}.`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new SadaError(400, "invalid_encoding", "The body is not valid UTF-8.");
  }
  if (isText) return { kind: "text", value: text };
  if (text.trim() === "") throw new SadaError(400, "empty_body", "The body is empty; send a JSON object.");
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    throw new SadaError(400, "malformed_json", "The body is not valid JSON.");
  }
}

/** A JSON object body or a 400/422 saying what came instead; an absent body is `{}` when optional. */
export async function readJsonObject(
  c: Context,
  options: { optional: boolean },
): Promise<Record<string, unknown>> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0 && options.optional) return {};
  const body = await parseBody(c, bytes, { text: false });
  const value = body.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SadaError(422, "invalid_fields", "The body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}
