import type { SandboxPlatform, SandboxPost } from "../types.js";

/**
 * What the stand-ins accepted. In production the stand-ins run in the worker process while
 * `GET /sandbox` is served by the API process, so the real implementation lives in Redis.
 */
export interface SandboxState {
  /** Stores a new post (or replaces one with the same platform and id). */
  record(post: SandboxPost): Promise<void>;
  /** Changes a stored post (a Telegram edit); undefined when there is none. */
  update(
    platform: SandboxPlatform,
    id: string,
    patch: Partial<Omit<SandboxPost, "platform" | "id">>,
  ): Promise<SandboxPost | undefined>;
  get(platform: SandboxPlatform, id: string): Promise<SandboxPost | undefined>;
  /** Newest first. */
  posts(options?: { platform?: SandboxPlatform; limit?: number }): Promise<SandboxPost[]>;
  /**
   * Claims `key` (e.g. the exact text of a tweet) for `id`, atomically. Answers the id that holds
   * it already when it was taken, undefined when this call took it. Used for duplicate detection.
   */
  claim(platform: SandboxPlatform, key: string, id: string): Promise<string | undefined>;
  /** A counter that only grows (ids); starts at 1. */
  nextId(counter: string): Promise<number>;
  /** Forgets everything. */
  reset(): Promise<void>;
}

/** How many posts `posts()` answers when no limit is given. */
export const DEFAULT_POSTS_LIMIT = 500;
