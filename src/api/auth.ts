import { createHash, timingSafeEqual } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { SadaError } from "../domain/errors.js";
import type { AppEnv } from "./app-env.js";

export interface ApiToken {
  /** Recorded as the actor of every change made with the token. */
  name: string;
  token: string;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Bearer-token auth for `/api/*`. Tokens are compared as SHA-256 digests in constant time, and
 * every configured token is checked so the time taken does not tell which one came close.
 */
export function bearerAuth(tokens: readonly ApiToken[]) {
  const known = tokens.map((token) => ({ name: token.name, digest: digest(token.token) }));
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    if (header === undefined) {
      throw new SadaError(401, "unauthorized", "Send an API token as 'Authorization: Bearer <token>'.");
    }
    const match = /^Bearer\s+(\S+)\s*$/iu.exec(header);
    const presented = digest(match?.[1] ?? "");
    let actor: string | undefined;
    for (const candidate of known) {
      if (timingSafeEqual(candidate.digest, presented) && actor === undefined) actor = candidate.name;
    }
    if (match === null || actor === undefined) {
      throw new SadaError(401, "unauthorized", "The API token is not valid.");
    }
    c.set("actor", actor);
    await next();
  });
}
