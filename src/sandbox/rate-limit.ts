/** Milliseconds since the epoch; injectable so tests can move time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export interface WindowAnswer {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the window restarts, epoch milliseconds. */
  resetAt: number;
}

/** A fixed window budget, as X counts requests per 15-minute window per endpoint. */
export function createFixedWindow(options: { limit: number; windowMs: number; clock?: Clock }) {
  const clock = options.clock ?? systemClock;
  let windowStart = clock();
  let used = 0;

  const roll = () => {
    const now = clock();
    if (now >= windowStart + options.windowMs) {
      windowStart = now;
      used = 0;
    }
  };

  return {
    /** Spends one unit when there is one left. */
    hit(): WindowAnswer {
      roll();
      const allowed = used < options.limit;
      if (allowed) used += 1;
      return {
        allowed,
        limit: options.limit,
        remaining: Math.max(0, options.limit - used),
        resetAt: windowStart + options.windowMs,
      };
    },
    /** The current state, spending nothing (headers on answers that do not count). */
    peek(): WindowAnswer {
      roll();
      return {
        allowed: used < options.limit,
        limit: options.limit,
        remaining: Math.max(0, options.limit - used),
        resetAt: windowStart + options.windowMs,
      };
    },
    /** Spends the whole budget now (an injected 429 keeps the headers consistent). */
    exhaust(untilMs: number): WindowAnswer {
      windowStart = untilMs - options.windowMs;
      used = options.limit;
      return { allowed: false, limit: options.limit, remaining: 0, resetAt: untilMs };
    },
    reset() {
      windowStart = clock();
      used = 0;
    },
  };
}

export type FixedWindow = ReturnType<typeof createFixedWindow>;

/** A token bucket: `capacity` at once, refilled at `perSecond`. Telegram's limits behave so. */
export interface BucketSpec {
  capacity: number;
  perSecond: number;
}

/** Buckets by key (a chat id, or one key for the global limit). */
export function createBuckets(spec: BucketSpec, clock: Clock = systemClock) {
  const buckets = new Map<string, { tokens: number; at: number }>();

  const current = (key: string) => {
    const now = clock();
    const bucket = buckets.get(key) ?? { tokens: spec.capacity, at: now };
    bucket.tokens = Math.min(spec.capacity, bucket.tokens + ((now - bucket.at) / 1000) * spec.perSecond);
    bucket.at = now;
    buckets.set(key, bucket);
    return bucket;
  };

  return {
    /** Milliseconds until one token is available (0 = now). */
    waitMs(key: string): number {
      const bucket = current(key);
      if (bucket.tokens >= 1) return 0;
      return Math.ceil(((1 - bucket.tokens) / spec.perSecond) * 1000);
    },
    take(key: string): void {
      const bucket = current(key);
      bucket.tokens = Math.max(0, bucket.tokens - 1);
    },
    clear(): void {
      buckets.clear();
    },
  };
}

export type Buckets = ReturnType<typeof createBuckets>;
