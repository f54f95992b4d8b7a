import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ServiceProcess, startService } from "../support/service-process.js";

const TOKEN = "lifecycle-token-0123456789";
const dirs: string[] = [];
const running: ServiceProcess[] = [];

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sada-e2e-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const service of running.splice(0)) service.child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitUntilClosed(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await portOpen(port))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function boot(dir: string): ServiceProcess {
  const service = startService(["src/main.ts", "all"], {
    PORT: "0",
    DATA_DIR: dir,
    API_TOKENS: `e2e:${TOKEN}`,
    SHUTDOWN_TIMEOUT_MS: "5000",
  });
  running.push(service);
  return service;
}

describe("npm start (role all) with an embedded redis-server", () => {
  it("serves, then on SIGTERM exits 0 and leaves no redis-server behind", async () => {
    const service = boot(dataDir());
    const redisLog = await service.waitForLog("embedded redis-server started");
    const listening = await service.waitForLog("api listening");
    const redisPort = Number(redisLog.port);
    const health = await fetch(`${listening.url}/healthz`);
    expect(health.status).toBe(200);
    const created = await fetch(`${listening.url}/api/articles`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "t", body: "b" }),
    });
    expect(created.status).toBe(201);

    service.child.kill("SIGTERM");
    expect(await service.exited()).toBe(0);
    expect(await waitUntilClosed(redisPort, 5_000)).toBe(true);
    expect(service.output()).not.toContain(TOKEN);
  });

  it("keeps data across restarts (AOF in DATA_DIR)", async () => {
    const dir = dataDir();
    const first = boot(dir);
    const url = (await first.waitForLog("api listening")).url as string;
    const created = await fetch(`${url}/api/articles`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "persist me", body: "b", externalId: "persist-1" }),
    });
    const { id } = (await created.json()) as { id: string };
    first.child.kill("SIGINT");
    expect(await first.exited()).toBe(0);

    const second = boot(dir);
    const url2 = (await second.waitForLog("api listening")).url as string;
    const read = await fetch(`${url2}/api/articles/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(read.status).toBe(200);
    second.child.kill("SIGTERM");
    expect(await second.exited()).toBe(0);
  });

  it("stops the embedded redis-server even when the service is SIGKILLed", async () => {
    const service = boot(dataDir());
    const redisPort = Number((await service.waitForLog("embedded redis-server started")).port);
    await service.waitForLog("api listening");
    service.child.kill("SIGKILL");
    await service.exited();
    expect(await waitUntilClosed(redisPort, 5_000)).toBe(true);
  });

  it("refuses an invalid variable with one line naming it", async () => {
    const service = startService(["src/main.ts", "all"], { PORT: "70000", DATA_DIR: dataDir() });
    running.push(service);
    expect(await service.exited()).toBe(1);
    expect(service.output().trim()).toMatch(/^sada: Invalid PORT: /);
    expect(service.output().trim().split("\n")).toHaveLength(1);
  });

  it("refuses half-set credentials at boot", async () => {
    const service = startService(["src/main.ts", "all"], { TWITTER_APP_KEY: "k", DATA_DIR: dataDir() });
    running.push(service);
    expect(await service.exited()).toBe(1);
    expect(service.output()).toMatch(/Invalid TWITTER_APP_SECRET: twitter credentials are only partly set/);
  });

  it("names the variable when the port is taken or DATA_DIR is unusable", async () => {
    const { createServer } = await import("node:net");
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const taken = startService(["src/main.ts", "all"], { PORT: String(port), DATA_DIR: dataDir() });
      running.push(taken);
      expect(await taken.exited()).toBe(1);
      expect(taken.output()).toMatch(/sada: Invalid PORT: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
    } finally {
      blocker.close();
    }
    const file = join(dataDir(), "a-file");
    await import("node:fs").then((fs) => fs.writeFileSync(file, "x"));
    const notADir = startService(["src/main.ts", "all"], { DATA_DIR: file });
    running.push(notADir);
    expect(await notADir.exited()).toBe(1);
    expect(notADir.output().trim()).toMatch(/^sada: Invalid DATA_DIR: /);
  });

  it("shares DATA_DIR safely: a second service refuses it, the seed loader uses the running Redis", async () => {
    const dir = dataDir();
    const first = boot(dir);
    const url = (await first.waitForLog("api listening")).url as string;

    const second = startService(["src/main.ts", "all"], {
      PORT: "0",
      DATA_DIR: dir,
      API_TOKENS: `e2e:${TOKEN}`,
    });
    running.push(second);
    expect(await second.exited()).toBe(1);
    expect(second.output()).toMatch(/sada: Invalid DATA_DIR: .* is in use by a running Sada \(pid \d+\)/);

    // PORT 1 answers nothing, so the loader takes its in-process path: on the running Redis.
    const seed = startService(["seeds/load.ts"], { PORT: "1", DATA_DIR: dir, API_TOKENS: `e2e:${TOKEN}` });
    running.push(seed);
    expect(await seed.exited(30_000)).toBe(0);
    const id = /\/api\/articles\/([0-9a-z]{19})/.exec(seed.output())?.[1];
    const read = await fetch(`${url}/api/articles/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(read.status).toBe(200);

    first.child.kill("SIGTERM");
    expect(await first.exited()).toBe(0);
  });

  it("`npm start` passes SIGTERM to the service, which stops cleanly (npm exits 0)", async () => {
    const { spawn } = await import("node:child_process");
    const npm = spawn("npm", ["start", "--silent"], {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { ...process.env, PORT: "0", DATA_DIR: dataDir(), API_TOKENS: `e2e:${TOKEN}`, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    npm.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!output.includes('"msg":"api listening"') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toContain('"msg":"api listening"');
      npm.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise((resolve) => setTimeout(() => resolve("timeout"), 20_000)),
      ]);
      expect(code).toBe(0);
      expect(output).toContain('"msg":"stopped"');
    } finally {
      npm.kill("SIGKILL");
    }
  });

  it("requires REDIS_URL for start:api", async () => {
    const service = startService(["src/main.ts", "api"], { DATA_DIR: dataDir() });
    running.push(service);
    expect(await service.exited()).toBe(1);
    expect(service.output()).toMatch(/Invalid REDIS_URL: required/);
  });
});
