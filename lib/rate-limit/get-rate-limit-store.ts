import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { env } from "@/lib/config/env";
import { createMemoryRateLimitStore, createRedisRateLimitStore, type RateLimitStore } from "./rate-limit-store";

// One store per process, chosen by REDIS_URL: Redis when the deployment has one (every web and
// realtime node then counts together), memory otherwise. Kept on globalThis like the Prisma
// client, so Next.js dev reloads do not open a connection each time.
const globalStore = globalThis as unknown as { plenaryRateLimitStore?: { url: string | undefined; store: RateLimitStore } };

export function getRateLimitStore(): RateLimitStore {
  const existing = globalStore.plenaryRateLimitStore;
  if (existing && existing.url === env.REDIS_URL) return existing.store;
  const store = env.REDIS_URL ? connectRedis(env.REDIS_URL) : createMemoryRateLimitStore();
  globalStore.plenaryRateLimitStore = { url: env.REDIS_URL, store };
  return store;
}

/**
 * Redis keys of one deployment: its nodes share a database, so the database names the counters;
 * two deployments (or test runs) on one Redis keep theirs apart.
 */
export function rateLimitKeyPrefix(databaseUrl: string | undefined): string {
  let where = "default";
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    where = createHash("sha256").update(`${url.hostname}:${url.port}${url.pathname}`).digest("hex").slice(0, 12);
  }
  return `plenary:rate:${where}:`;
}

function connectRedis(url: string): RateLimitStore {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // A Redis outage is reported per command (the limiter then lets the request through); keep the connection's own errors off the crash path.
  redis.on("error", () => {});
  return createRedisRateLimitStore(redis, { ownsConnection: true, prefix: rateLimitKeyPrefix(env.DATABASE_URL) });
}
