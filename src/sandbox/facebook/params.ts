/** Graph parameters: query string, urlencoded or multipart form, or JSON; later sources win. */
export type GraphParams = Record<string, string | File>;

export async function readGraphParams(request: Request): Promise<GraphParams> {
  const params: GraphParams = {};
  for (const [key, value] of new URL(request.url).searchParams) params[key] = value;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const body: unknown = await request.json().catch(() => undefined);
    if (typeof body === "object" && body !== null && !Array.isArray(body)) {
      for (const [key, value] of Object.entries(body)) {
        if (value === null || value === undefined) continue;
        params[key] = typeof value === "string" ? value : JSON.stringify(value);
      }
    }
  } else if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
    const form = await request.formData().catch(() => undefined);
    for (const [key, value] of form?.entries() ?? []) params[key] = value;
  }
  // Graph also takes the token as `Authorization: Bearer|OAuth <token>`.
  const auth = /^(?:Bearer|OAuth)\s+(\S+)$/iu.exec(request.headers.get("authorization") ?? "");
  if (params.access_token === undefined && auth?.[1] !== undefined) params.access_token = auth[1];
  return params;
}

export function text(params: GraphParams, key: string): string | undefined {
  const value = params[key];
  return typeof value === "string" ? value : undefined;
}
