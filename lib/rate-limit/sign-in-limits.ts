import { getRateLimitStore } from "./get-rate-limit-store";
import type { RateLimitStore } from "./rate-limit-store";
import { logger } from "@/lib/logging/logger";

// Two limits on sign-in: per client address (better-auth's rate limiter, on our store) against one
// machine trying many accounts, and per account (failures per e-mail address) against many
// machines trying one account. A correct password clears the account's count.

export const ACCOUNT_FAILURES_MAX = 10;
export const ACCOUNT_FAILURES_WINDOW_MS = 15 * 60 * 1000;

const accountKey = (email: string) => `sign-in-failures:${email.trim().toLowerCase()}`;

/** A storage for better-auth's `rateLimit.customStorage`: its per-address, per-path counts in our store. */
export function betterAuthRateLimitStorage(store: () => RateLimitStore = getRateLimitStore) {
  return {
    async consume(key: string, rule: { window: number; max: number }): Promise<{ allowed: boolean; retryAfter: number | null }> {
      try {
        const { count, resetInMs } = await store().hit(`auth:${key}`, rule.window * 1000);
        return count <= rule.max ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter: Math.max(1, Math.ceil(resetInMs / 1000)) };
      } catch (error) {
        // The limiter's store is down (Redis): let sign-in work rather than lock everyone out.
        logger.error({ err: error }, "[plenary] rate limit store unavailable");
        return { allowed: true, retryAfter: null };
      }
    },
  };
}

/** Seconds until this account may try again, or null when it may now. */
export async function findAccountLockout(options: { email: string; store?: RateLimitStore }): Promise<number | null> {
  const store = options.store ?? getRateLimitStore();
  try {
    const { count, resetInMs } = await store.peek(accountKey(options.email));
    return count >= ACCOUNT_FAILURES_MAX ? Math.max(1, Math.ceil(resetInMs / 1000)) : null;
  } catch (error) {
    logger.error({ err: error }, "[plenary] rate limit store unavailable");
    return null;
  }
}

export async function recordSignInResult(options: { email: string; succeeded: boolean; store?: RateLimitStore }): Promise<void> {
  const store = options.store ?? getRateLimitStore();
  try {
    if (options.succeeded) await store.reset(accountKey(options.email));
    else await store.hit(accountKey(options.email), ACCOUNT_FAILURES_WINDOW_MS);
  } catch (error) {
    logger.error({ err: error }, "[plenary] rate limit store unavailable");
  }
}

/** "in 14 minutes" / "in 40 seconds". */
export function describeWait(seconds: number): string {
  if (seconds >= 90) return `in ${Math.ceil(seconds / 60)} minutes`;
  return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
}
