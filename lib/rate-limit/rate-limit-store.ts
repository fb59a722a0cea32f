import type { Redis } from "ioredis";

/**
 * Counters for rate limits (sign-in per address, sign-in failures per account), one interface with
 * two backends: in process memory (one node) and Redis (several nodes share the counts, so a
 * limit holds however requests are spread). Fixed windows: the first hit on a key opens a window
 * of `windowMs`; hits inside it count up; it ends on its own.
 */
export interface RateLimitStore {
  /** Counts one hit and answers the count in this window (this hit included) and the ms until it ends. */
  hit(key: string, windowMs: number): Promise<RateLimitCount>;
  /** The count so far without adding to it (0 when no window is open). */
  peek(key: string): Promise<RateLimitCount>;
  /** Ends the key's window (e.g. a successful sign-in clears its failures). */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export type RateLimitCount = { count: number; resetInMs: number };

export function createMemoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let lastSweep = Date.now();
  const sweep = (now: number) => {
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    for (const [key, w] of windows) if (w.endsAt <= now) windows.delete(key);
  };
  const current = (key: string, now: number) => {
    const w = windows.get(key);
    return w && w.endsAt > now ? w : undefined;
  };
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      sweep(now);
      const w = current(key, now) ?? { count: 0, endsAt: now + windowMs };
      w.count++;
      windows.set(key, w);
      return { count: w.count, resetInMs: w.endsAt - now };
    },
    async peek(key) {
      const now = Date.now();
      const w = current(key, now);
      return w ? { count: w.count, resetInMs: w.endsAt - now } : { count: 0, resetInMs: 0 };
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };
}

// INCR and the window's expiry in one step, so two nodes hitting the same key at once agree.
const HIT = `
local count = redis.call("INCR", KEYS[1])
local ttl = redis.call("PTTL", KEYS[1])
if ttl < 0 then
  redis.call("PEXPIRE", KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }`;

/** Keys live under `prefix` (default "plenary:rate:"); the caller owns the connection's lifetime unless `ownsConnection`. */
export function createRedisRateLimitStore(redis: Redis, options: { prefix?: string; ownsConnection?: boolean } = {}): RateLimitStore {
  const prefix = options.prefix ?? "plenary:rate:";
  return {
    async hit(key, windowMs) {
      const [count, ttl] = (await redis.eval(HIT, 1, prefix + key, String(windowMs))) as [number, number];
      return { count, resetInMs: ttl };
    },
    async peek(key) {
      const [count, ttl] = await Promise.all([redis.get(prefix + key), redis.pttl(prefix + key)]);
      return count === null || ttl < 0 ? { count: 0, resetInMs: 0 } : { count: Number(count), resetInMs: ttl };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async close() {
      if (options.ownsConnection) await redis.quit().catch(() => {});
    },
  };
}
