import type { SandboxPlatform, SandboxPost } from "../types.js";
import { DEFAULT_POSTS_LIMIT, type SandboxState } from "./state.js";

/** An in-process SandboxState, for unit tests and single-process runs. */
export function createMemorySandboxState(): SandboxState {
  const posts = new Map<string, { post: SandboxPost; order: number }>();
  const claims = new Map<string, string>();
  const counters = new Map<string, number>();
  let order = 0;
  const keyOf = (platform: SandboxPlatform, id: string) => `${platform}:${id}`;

  return {
    async record(post) {
      const key = keyOf(post.platform, post.id);
      order += 1;
      posts.set(key, { post: structuredClone(post), order: posts.get(key)?.order ?? order });
    },
    async update(platform, id, patch) {
      const entry = posts.get(keyOf(platform, id));
      if (entry === undefined) return undefined;
      entry.post = { ...entry.post, ...structuredClone(patch) };
      return structuredClone(entry.post);
    },
    async get(platform, id) {
      const entry = posts.get(keyOf(platform, id));
      return entry === undefined ? undefined : structuredClone(entry.post);
    },
    async posts(options = {}) {
      return [...posts.values()]
        .filter((entry) => options.platform === undefined || entry.post.platform === options.platform)
        .sort((a, b) => b.order - a.order)
        .slice(0, options.limit ?? DEFAULT_POSTS_LIMIT)
        .map((entry) => structuredClone(entry.post));
    },
    async claim(platform, key, id) {
      const claimKey = `${platform}\u0000${key}`;
      const existing = claims.get(claimKey);
      if (existing !== undefined) return existing;
      claims.set(claimKey, id);
      return undefined;
    },
    async nextId(counter) {
      const next = (counters.get(counter) ?? 0) + 1;
      counters.set(counter, next);
      return next;
    },
    async reset() {
      posts.clear();
      claims.clear();
      counters.clear();
      order = 0;
    },
  };
}
