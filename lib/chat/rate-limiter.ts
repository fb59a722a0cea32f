/**
 * Token bucket per (user, room): `burst` messages at once, then one per `intervalMs`.
 * In process memory on purpose: the check runs before any I/O, so a flooding client costs the
 * node a map lookup, not a database round trip, and never slows the room for others. With
 * several nodes, sticky sessions keep a user's socket on one node.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = Date.now();

  /** Takes one token; returns 0 when allowed, else the ms to wait. */
  take(key: string, burst: number, intervalMs: number, now = Date.now()): number {
    this.sweep(now, intervalMs * burst);
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    const refilled = Math.min(burst, bucket.tokens + (now - bucket.at) / intervalMs);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: now });
      return Math.ceil((1 - refilled) * intervalMs);
    }
    this.buckets.set(key, { tokens: refilled - 1, at: now });
    return 0;
  }

  reset(prefix?: string): void {
    if (!prefix) return this.buckets.clear();
    for (const key of this.buckets.keys()) if (key.startsWith(prefix)) this.buckets.delete(key);
  }

  // Full buckets carry no information; drop them now and then so memory follows active senders.
  private sweep(now: number, fullAfterMs: number) {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (now - b.at > Math.max(fullAfterMs, 60_000)) this.buckets.delete(key);
  }
}

/** Slow mode: at most one message per `seconds` per user in a room. */
export class SlowModeGate {
  private readonly lastSent = new Map<string, number>();

  /** Returns 0 when allowed (and records the send), else the ms to wait. */
  pass(key: string, seconds: number, now = Date.now()): number {
    if (seconds <= 0) return 0;
    const last = this.lastSent.get(key);
    if (last !== undefined && now - last < seconds * 1000) return seconds * 1000 - (now - last);
    if (this.lastSent.size > 100_000) this.lastSent.clear();
    this.lastSent.set(key, now);
    return 0;
  }
}

export const chatRateLimiter = new RateLimiter();
export const chatSlowMode = new SlowModeGate();
