import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { env, getDatabaseUrl } from "@/lib/config/env";
import { observeDatabasePool } from "@/lib/metrics/database-pool-metrics";

// One client per process; Next.js dev reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { plenaryPrisma?: PrismaClient; plenaryPools?: WeakMap<PrismaClient, pg.Pool> };
const pools = (globalForPrisma.plenaryPools ??= new WeakMap());

function connectionString(): string {
  // `next build` loads modules (better-auth takes the client at import) but runs no query.
  if (env.NEXT_PHASE === "phase-production-build" && !env.DATABASE_URL) return "postgresql://build@127.0.0.1:1/none";
  return getDatabaseUrl();
}

function createClient(): PrismaClient {
  // The pool is ours, so the few statements that need the driver itself (getPool) share it.
  const pool = new pg.Pool({ connectionString: connectionString(), max: env.DATABASE_POOL_MAX });
  // Shown on /metrics: connections in use, idle, and queries waiting for one.
  observeDatabasePool(pool);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

const currentClient = () => (globalForPrisma.plenaryPrisma ??= createClient());

/**
 * The connection pool under the Prisma client, for the rare statement Prisma cannot send as we
 * need it (checkout sends its transaction in one exchange, lib/db/run-in-one-exchange.ts).
 */
export function getPool(): pg.Pool {
  return pools.get(currentClient())!;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  // Lazy: importing this module must not require DATABASE_URL (e.g. during `next build`).
  get(_target, prop) {
    const client = currentClient();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type { PrismaClient };
export * from "./generated/client";
