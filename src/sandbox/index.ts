/** The sandbox's public surface: what channels, the main app and tests import. */
export type { FacebookSandboxOptions } from "./facebook/options.js";
export type { ActiveFault, FaultOptions, SandboxFault, SandboxFaults } from "./faults.js";
export {
  SANDBOX_GRAPH_VERSION,
  type Sandbox,
  type SandboxCredentials,
  type StartSandboxOptions,
  startSandbox,
} from "./start-sandbox.js";
export { createMemorySandboxState } from "./state/memory-state.js";
export { createRedisSandboxState } from "./state/redis-state.js";
export type { SandboxState } from "./state/state.js";
export type { TelegramLimits, TelegramSandboxOptions } from "./telegram/options.js";
export type { SandboxUserInput, TelegramSubscribers } from "./telegram/subscribers.js";
export { SECRET_HEADER, type TelegramUpdate } from "./telegram/updates.js";
export type { SandboxChat } from "./telegram/world.js";
export type { TwitterSandboxOptions } from "./twitter/options.js";
export { createSandboxTwitterPlugin, sandboxTwitterSettings } from "./twitter/plugin.js";
export { DUPLICATE_DETAIL } from "./twitter/problems.js";
export type { SandboxPlatform, SandboxPost } from "./types.js";
export { createSandboxRoutes } from "./viewer/routes.js";
