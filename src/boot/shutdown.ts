import type { Logger } from "pino";

export type Closer = { name: string; close: () => Promise<void> };

/**
 * Closes things in order, each bounded by `timeoutMs` so one stuck piece (BullMQ's
 * `worker.close()` has no timeout of its own) cannot hold the process forever.
 */
export async function closeAll(
  closers: readonly Closer[],
  timeoutMs: number,
  logger: Logger,
): Promise<boolean> {
  let clean = true;
  for (const closer of closers) {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    try {
      const outcome = await Promise.race([closer.close().then(() => "closed" as const), timedOut]);
      if (outcome === "timeout") {
        clean = false;
        logger.warn({ part: closer.name, timeoutMs }, "shutdown: gave up waiting");
      }
    } catch (error) {
      clean = false;
      logger.warn({ part: closer.name, err: (error as Error).message }, "shutdown: close failed");
    } finally {
      clearTimeout(timer);
    }
  }
  return clean;
}

/** Runs `shutdown` once on the first SIGINT/SIGTERM; a second signal exits at once. */
export function onSignals(shutdown: (signal: string) => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      void shutdown(signal);
    });
  }
}
