import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first log line (parsed) whose msg matches, bounded by timeoutMs. */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code, bounded; kills the process if it does not exit in time. */
  exited(timeoutMs?: number): Promise<number | null>;
}

/** Starts `src/main.ts <role>` (or another entry) as a real process, as `npm start` would. */
export function startService(args: string[], env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  return {
    child,
    output: () => output,
    waitForLog: async (msg, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        for (const line of output.split("\n")) {
          if (!line.startsWith("{")) continue;
          try {
            const parsed = JSON.parse(line) as Record<string, unknown>;
            if (parsed.msg === msg) return parsed;
          } catch {
            // a partial line; read again later
          }
        }
        if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}): ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no "${msg}" log within ${timeoutMs} ms: ${output}`);
    },
    exited: async (timeoutMs = 20_000) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), timeoutMs);
      });
      const result = await Promise.race([exit, timeout]);
      clearTimeout(timer);
      if (result === "timeout") {
        child.kill("SIGKILL");
        throw new Error(`process did not exit within ${timeoutMs} ms`);
      }
      return result;
    },
  };
}
