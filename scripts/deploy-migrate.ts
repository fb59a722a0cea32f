/**
 * Production migration job (docker-compose `migrate` service): applies committed migrations to
 * DATABASE_URL; seeds the demo conference only when PLENARY_SEED_DEMO=1.
 */
import { spawnSync } from "node:child_process";
import { migrateDeploy } from "./db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL must be set");
  process.exit(1);
}
await migrateDeploy(url);
if (process.env.PLENARY_SEED_DEMO === "1") {
  const r = spawnSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
