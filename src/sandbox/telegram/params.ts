/**
 * Bot API parameters arrive as a query string, JSON, urlencoded or multipart form (files). In the
 * form encodings, object parameters (reply_markup, link_preview_options…) are JSON strings.
 */
const JSON_PARAMS = new Set([
  "reply_markup",
  "link_preview_options",
  "commands",
  "allowed_updates",
  "scope",
  "entities",
  "caption_entities",
  "reply_parameters",
]);

export type Params = Record<string, unknown>;

export async function readParams(request: Request): Promise<Params> {
  const params: Params = {};
  for (const [key, value] of new URL(request.url).searchParams) params[key] = decodeFormValue(key, value);
  if (request.method !== "POST") return params;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const body: unknown = await request.json().catch(() => undefined);
    if (typeof body === "object" && body !== null && !Array.isArray(body)) Object.assign(params, body);
  } else if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
    const form = await request.formData().catch(() => undefined);
    for (const [key, value] of form?.entries() ?? []) {
      params[key] = typeof value === "string" ? decodeFormValue(key, value) : value;
    }
  }
  return params;
}

function decodeFormValue(key: string, value: string): unknown {
  if (!JSON_PARAMS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function stringParam(params: Params, key: string): string | undefined {
  const value = params[key];
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function numberParam(params: Params, key: string): number | undefined {
  const value = params[key];
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function booleanParam(params: Params, key: string): boolean | undefined {
  const value = params[key];
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

export function objectParam(params: Params, key: string): Record<string, unknown> | undefined {
  const value = params[key];
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
