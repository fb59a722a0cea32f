// Apply the committed migrations (prisma/migrations) to a database, through the offline Prisma
// wrapper (scripts/prisma/run.mjs).
import { projectRoot, runPrisma } from "../prisma/run.mjs";

export interface MigrateDeployOptions {
  /** 'inherit' (default) shows Prisma's output; 'pipe'/'ignore' keep it quiet. */
  stdio?: "inherit" | "ignore";
}

/** Runs `prisma migrate deploy` against `url`; throws if it fails. */
export async function migrateDeploy(url: string, opts: MigrateDeployOptions = {}): Promise<void> {
  const code = await runPrisma(["migrate", "deploy"], {
    cwd: projectRoot,
    env: { DATABASE_URL: url },
    stdio: opts.stdio ?? "inherit",
  });
  if (code !== 0) throw new Error(`prisma migrate deploy failed (exit code ${code})`);
}
