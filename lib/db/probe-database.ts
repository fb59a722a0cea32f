import { prisma } from "./client";

// A health probe must answer quickly even when PostgreSQL hangs: a check that takes longer is "down".
const PROBE_TIMEOUT_MS = 2000;

/** Can this process run a query now? One `SELECT 1` on its pool, bounded in time (health checks). */
export async function probeDatabase(options: { timeoutMs?: number } = {}): Promise<"ok" | "down"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"down">((resolve) => (timer = setTimeout(() => resolve("down"), options.timeoutMs ?? PROBE_TIMEOUT_MS)));
  const query = prisma.$queryRaw`SELECT 1`.then(
    () => "ok" as const,
    () => "down" as const,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
