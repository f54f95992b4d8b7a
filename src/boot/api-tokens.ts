import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ApiToken } from "../api/auth.js";
import { BootError } from "./boot-error.js";

const TOKEN_FILE = "api-tokens.json";

/**
 * The API tokens: `API_TOKENS` when set; otherwise one token generated at first start and kept in
 * `DATA_DIR` (mode 0600). `printOnce` receives the token only when it was just generated.
 */
export function loadApiTokens(
  configured: readonly ApiToken[] | undefined,
  dataDir: string,
  printOnce: (token: ApiToken, file: string) => void,
): ApiToken[] {
  if (configured !== undefined) return [...configured];
  const dir = resolve(dataDir);
  const file = join(dir, TOKEN_FILE);
  try {
    return readOrCreate(dir, file, printOnce);
  } catch (error) {
    if (error instanceof BootError) throw error;
    throw new BootError(
      `Invalid DATA_DIR: cannot use ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`,
    );
  }
}

function readOrCreate(
  dir: string,
  file: string,
  printOnce: (token: ApiToken, file: string) => void,
): ApiToken[] {
  if (existsSync(file)) {
    let parsed: { tokens?: ApiToken[] };
    try {
      parsed = JSON.parse(readFileSync(file, "utf8")) as { tokens?: ApiToken[] };
    } catch {
      throw new BootError(
        `Invalid API_TOKENS: ${file} is not valid JSON; fix or delete it, or set API_TOKENS`,
      );
    }
    const tokens = (Array.isArray(parsed.tokens) ? parsed.tokens : []).filter(
      (token) => typeof token.name === "string" && typeof token.token === "string",
    );
    if (tokens.length > 0) return tokens;
  }
  mkdirSync(dir, { recursive: true });
  const token: ApiToken = { name: "admin", token: `sada_${randomBytes(24).toString("base64url")}` };
  writeFileSync(file, `${JSON.stringify({ tokens: [token] }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  printOnce(token, file);
  return [token];
}
