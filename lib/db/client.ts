import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env, getDatabaseUrl } from "@/lib/config/env";
import { observeDatabasePool } from "@/lib/metrics/database-pool-metrics";

// One client per process; Next.js dev reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { plenaryPrisma?: PrismaClient };

function connectionString(): string {
  // `next build` loads modules (better-auth takes the client at import) but runs no query.
  if (env.NEXT_PHASE === "phase-production-build" && !env.DATABASE_URL) return "postgresql://build@127.0.0.1:1/none";
  return getDatabaseUrl();
}

/** The adapter, with its pool shown to /metrics (connections in use, idle, callers waiting). */
class ObservedPrismaPg extends PrismaPg {
  async connect() {
    const adapter = await super.connect();
    observeDatabasePool(adapter.underlyingDriver());
    return adapter;
  }
}

function createClient(): PrismaClient {
  const adapter = new ObservedPrismaPg({ connectionString: connectionString(), max: env.DATABASE_POOL_MAX });
  return new PrismaClient({ adapter });
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  // Lazy: importing this module must not require DATABASE_URL (e.g. during `next build`).
  get(_target, prop) {
    const client = (globalForPrisma.plenaryPrisma ??= createClient());
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type { PrismaClient };
export * from "./generated/client";
