import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { SandboxTarget } from "../channels/registry.js";
import type { ChannelId, ChannelMode } from "../domain/channel.js";
import { type Sandbox, startSandbox } from "../sandbox/start-sandbox.js";

/**
 * Starts the platform stand-ins when any channel runs in sandbox mode (SANDBOX=auto without
 * credentials). They run in the worker process (which posts to them); their record of what
 * was posted lives in Redis under the key prefix, where the API's `/sandbox` viewer reads it.
 */
export async function startSandboxIfNeeded(options: {
  modes: Record<ChannelId, ChannelMode>;
  redis: Redis;
  keyPrefix: string;
  logger: Logger;
}): Promise<{ sandbox: Sandbox; target: SandboxTarget } | null> {
  const sandboxed = Object.entries(options.modes)
    .filter(([, mode]) => mode === "sandbox")
    .map(([id]) => id);
  if (sandboxed.length === 0) return null;
  const sandbox = await startSandbox({ redis: options.redis, prefix: options.keyPrefix });
  options.logger.info(
    { channels: sandboxed, urls: sandbox.urls },
    "sandbox stand-ins started (no credentials: posts go to /sandbox)",
  );
  return { sandbox, target: { urls: sandbox.urls, credentials: sandbox.credentials } };
}
