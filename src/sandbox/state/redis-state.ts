import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { SANDBOX_PLATFORMS, type SandboxPlatform, type SandboxPost } from "../types.js";
import { parseStoredPost } from "./post-schema.js";
import { DEFAULT_POSTS_LIMIT, type SandboxState } from "./state.js";

/**
 * SandboxState in Redis, so the worker process (which runs the stand-ins) and the API process
 * (which serves `GET /sandbox`) see the same posts. Every key starts with `${prefix}sandbox:`.
 */
export function createRedisSandboxState(options: { redis: Redis; prefix: string }): SandboxState {
  const { redis } = options;
  const base = `${options.prefix}sandbox:`;
  const postsKey = `${base}posts`;
  const orderKey = `${base}order`;
  const countersKey = `${base}counters`;
  const claimsKey = (platform: SandboxPlatform) => `${base}claims:${platform}`;
  const member = (platform: SandboxPlatform, id: string) => `${platform}:${id}`;
  // Keys of unbounded length (a whole article) are hashed; the claim only needs equality.
  const digest = (key: string) => createHash("sha256").update(key).digest("base64url");

  return {
    async record(post) {
      const field = member(post.platform, post.id);
      const order = await redis.hincrby(countersKey, "\u0000order", 1);
      await redis
        .multi()
        .hset(postsKey, field, JSON.stringify(post))
        .zadd(orderKey, "NX", order, field)
        .exec();
    },
    async update(platform, id, patch) {
      const field = member(platform, id);
      const current = parseStoredPost(await redis.hget(postsKey, field));
      if (current === undefined) return undefined;
      const next: SandboxPost = { ...current, ...patch };
      await redis.hset(postsKey, field, JSON.stringify(next));
      return next;
    },
    async get(platform, id) {
      return parseStoredPost(await redis.hget(postsKey, member(platform, id)));
    },
    async posts(query = {}) {
      const limit = Math.max(1, query.limit ?? DEFAULT_POSTS_LIMIT);
      const found: SandboxPost[] = [];
      // Filtering by platform happens after reading, so read in pages until enough are found.
      const page = Math.max(limit, 100);
      for (let start = 0; found.length < limit; start += page) {
        const fields = await redis.zrevrange(orderKey, start, start + page - 1);
        if (fields.length === 0) break;
        const values = await redis.hmget(postsKey, ...fields);
        for (const value of values) {
          const post = parseStoredPost(value);
          if (post === undefined) continue;
          if (query.platform !== undefined && post.platform !== query.platform) continue;
          found.push(post);
          if (found.length >= limit) break;
        }
        if (fields.length < page) break;
      }
      return found;
    },
    async claim(platform, key, id) {
      const field = digest(key);
      const took = await redis.hsetnx(claimsKey(platform), field, id);
      if (took === 1) return undefined;
      return (await redis.hget(claimsKey(platform), field)) ?? undefined;
    },
    async nextId(counter) {
      return redis.hincrby(countersKey, counter, 1);
    },
    async reset() {
      await redis.del(postsKey, orderKey, countersKey, ...SANDBOX_PLATFORMS.map(claimsKey));
    },
  };
}
