/**
 * `npm run seed`: imports seeds/ through the HTTP API. If a Sada API answers on this machine
 * (http://HOST:PORT) it is used; otherwise the same app is built in-process on the configured Redis
 * (the embedded one in DATA_DIR when REDIS_URL is unset) and called with `app.request`.
 * PUBLIC_URL is deliberately not tried: it may be another host, and the token must not travel.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "../config/index.js";
import { loadApiTokens } from "../src/boot/api-tokens.js";
import { createInProcessApi } from "../src/boot/in-process-api.js";
import { type ApiCall, importSeeds } from "./import-seeds.js";

const SEEDS_DIR = dirname(fileURLToPath(import.meta.url));

async function reachable(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1_500) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const [token] = loadApiTokens(config.API_TOKENS, config.DATA_DIR, (generated, file) => {
    process.stdout.write(
      `Generated an API token (stored in ${file}):\n  Authorization: Bearer ${generated.token}\n`,
    );
  });
  if (token === undefined) throw new Error("no API token");
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  const local = `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`;
  // A service on another port with the same DATA_DIR is found through its embedded Redis instead
  // (createInProcessApi shares it), so the in-process path never starts a second redis-server there.
  const base = (await reachable(local)) ? local : null;

  let call: ApiCall;
  let close = async () => {};
  if (base !== null) {
    process.stdout.write(`seeding through the running service at ${base}\n`);
    call = (method, path, json) =>
      fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
        body: JSON.stringify(json),
      });
  } else {
    process.stdout.write(`no service answers at ${local}: seeding in-process\n`);
    const api = await createInProcessApi(config);
    call = (method, path, json) =>
      Promise.resolve(
        api.app.request(path, {
          method,
          headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
          body: JSON.stringify(json),
        }),
      );
    close = api.close;
  }
  try {
    const results = await importSeeds(SEEDS_DIR, call, config.boilerplate);
    for (const result of results) {
      const outcome =
        result.status === 201
          ? "created"
          : result.status === 200
            ? "already there"
            : `failed (${result.error})`;
      process.stdout.write(
        `${result.file}: ${outcome}${result.id === undefined ? "" : ` → /api/articles/${result.id}`}\n`,
      );
    }
    if (results.some((result) => result.status >= 300)) process.exitCode = 1;
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
