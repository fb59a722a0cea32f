import { gauge } from "./metric";

type Pool = { totalCount: number; idleCount: number; waitingCount: number };
let observed: Pool | null = null;

/** The process's PostgreSQL pool (lib/db/client.ts hands it over when Prisma connects). */
export function observeDatabasePool(pool: Pool): void {
  observed = pool;
}

export const databasePoolConnections = gauge({
  name: "plenary_db_pool_connections",
  help: "PostgreSQL pool of this process: connections in use, idle, and queries waiting for one",
  labelNames: ["state"],
  collect() {
    const pool = observed ?? { totalCount: 0, idleCount: 0, waitingCount: 0 };
    this.set({ state: "in_use" }, pool.totalCount - pool.idleCount);
    this.set({ state: "idle" }, pool.idleCount);
    this.set({ state: "waiting" }, pool.waitingCount);
  },
});
