import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "./free-port.js";

export interface EmbeddedRedis {
  url: string;
  port: number;
  /** Stops the server (SHUTDOWN with the AOF flushed), then kills it if it lingers. */
  stop(): Promise<void>;
}

export class RedisServerMissingError extends Error {
  override name = "RedisServerMissingError";
  constructor() {
    super(
      "redis-server was not found on PATH: install it (Debian/Ubuntu: sudo apt-get install -y redis-server; " +
        "macOS: brew install redis) or set REDIS_URL to an existing Redis ≥ 6.2",
    );
  }
}

const READY_TIMEOUT_MS = 10_000;

/**
 * A one-shot connection for checking or stopping a server: no retries, no reconnects, errors
 * ignored (a refused connection is an answer here, not a fault).
 */
function probeClient(url: string): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1_000,
  });
  client.on("error", () => {});
  return client;
}
/** Names the embedded Redis serving a data directory, so a second process can find or refuse it. */
const LOCK_FILE = "sada-redis.json";

/**
 * The embedded Redis already serving `dataDir`, if its lock file names a port that answers PING;
 * a stale lock (the owner died) reads as none.
 */
export async function runningEmbeddedRedis(dataDir: string): Promise<{ url: string; pid: number } | null> {
  let lock: { port?: unknown; pid?: unknown };
  try {
    lock = JSON.parse(readFileSync(join(resolve(dataDir), LOCK_FILE), "utf8")) as typeof lock;
  } catch {
    return null;
  }
  if (typeof lock.port !== "number" || typeof lock.pid !== "number") return null;
  const url = `redis://127.0.0.1:${lock.port}`;
  const client = probeClient(url);
  try {
    await client.connect();
    return (await client.ping()) === "PONG" ? { url, pid: lock.pid } : null;
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}
const STOP_TIMEOUT_MS = 5_000;

/** Whether `redis-server` can be run from PATH. */
export function hasRedisServer(): boolean {
  const probe = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return probe.error === undefined && probe.status === 0;
}

/**
 * Starts a private redis-server for this process: 127.0.0.1 on a free port, AOF on, noeviction
 * (BullMQ loses jobs under eviction), data in `dataDir`. The child is killed when this process
 * exits for any reason, so a crash never leaves it running.
 */
export async function startEmbeddedRedis(options: {
  dataDir: string;
  persist?: boolean;
  /** A fixed port (tests that restart Redis in place); default: a free one. */
  port?: number;
}): Promise<EmbeddedRedis> {
  if (!hasRedisServer()) throw new RedisServerMissingError();
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const persist = options.persist ?? true;
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--appendonly",
    persist ? "yes" : "no",
    "--save",
    "",
    "--maxmemory-policy",
    "noeviction",
    "--protected-mode",
    "yes",
    "--daemonize",
    "no",
    "--loglevel",
    "warning",
  ];
  const child = spawnGuarded(args);
  const killChild = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  // A crash (uncaught exception, process.exit) still runs 'exit' listeners.
  process.once("exit", killChild);

  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    killChild();
    throw error;
  }
  const lockFile = join(dir, LOCK_FILE);
  writeFileSync(lockFile, `${JSON.stringify({ port, pid: process.pid })}\n`);

  return {
    url,
    port,
    stop: async () => {
      rmSync(lockFile, { force: true });
      await stopChild(child, url);
      process.removeListener("exit", killChild);
    },
  };
}

/**
 * Runs redis-server under a small shell guard that stops it when this Node process disappears.
 * A SIGKILLed parent runs no handler at all, and Node has no PR_SET_PDEATHSIG, so the guard polls
 * the parent's pid once a second and sends redis SIGTERM (which flushes the AOF) when it is gone.
 * SIGTERM to the guard is passed on to redis the same way.
 */
function spawnGuarded(args: string[]): ChildProcess {
  const script = [
    'redis-server "$@" & r=$!',
    "trap 'kill -TERM $r 2>/dev/null; wait $r; exit 0' TERM INT",
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 1 & wait $!; done`,
    "kill -TERM $r 2>/dev/null",
    "wait $r",
  ].join("\n");
  return spawn("sh", ["-c", script, "redis-guard", ...args], { stdio: ["ignore", "ignore", "pipe"] });
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at start: ${stderr.trim()}`);
    const client = probeClient(url); // refused while starting: expected, retried below
    try {
      await client.connect();
      if ((await client.ping()) === "PONG") return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`redis-server did not answer within ${READY_TIMEOUT_MS} ms`);
}

async function stopChild(child: ChildProcess, url: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const client = probeClient(url);
  try {
    await client.connect();
    // SHUTDOWN flushes the AOF; the connection drops as the server exits.
    await client.call("SHUTDOWN").catch(() => {});
  } catch {
    child.kill("SIGTERM");
  } finally {
    client.disconnect();
  }
  const timer = setTimeout(() => child.kill("SIGTERM"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
