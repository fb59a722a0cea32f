#!/usr/bin/env node
/**
 * Production migration job (`npm run deploy:migrate`: the compose `migrate` service, the
 * Kubernetes migrate Job): applies committed migrations to DATABASE_URL with the offline Prisma
 * wrapper; seeds the demo conference only when PLENARY_SEED_DEMO=1. Plain JavaScript, so the image
 * runs it with node alone: the seed is the compiled one (`npm run build:server`) when present.
 */
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { projectRoot, runPrisma } from "./prisma/run.mjs";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL must be set");
  process.exit(1);
}
const code = await runPrisma(["migrate", "deploy"], { cwd: projectRoot, env: { DATABASE_URL: url } });
if (code !== 0) {
  console.error(`prisma migrate deploy failed (exit code ${code})`);
  process.exit(code || 1);
}
if (process.env.PLENARY_SEED_DEMO === "1") {
  const compiled = path.join(projectRoot, "dist/prisma/seed.js");
  const r = fs.existsSync(compiled)
    ? spawnSync(process.execPath, [compiled], { stdio: "inherit" })
    : spawnSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "inherit", cwd: projectRoot });
  process.exit(r.status ?? 1);
}
