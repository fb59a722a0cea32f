// Prisma 7 configuration (the CLI reads this instead of a `url` in schema.prisma).
//
// Run Prisma through the wrapper so it works offline: `npm run db:*` or
// `node scripts/prisma/run.mjs <args>` (see scripts/prisma/run.mjs).
import fs from "node:fs";
import { defineConfig } from "prisma/config";

// Prisma 7 no longer loads .env itself; do it here (the environment wins over the file).
if (typeof process.loadEnvFile === "function" && fs.existsSync(".env")) {
  try {
    process.loadEnvFile(".env");
  } catch {
    // unreadable .env: ignore, like a missing one
  }
}

const url = process.env.DATABASE_URL;
const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  // `generate` needs no database: leave the datasource empty when DATABASE_URL is unset instead of
  // throwing (migrate commands then report the missing URL themselves).
  datasource: url ? { url, ...(shadowDatabaseUrl ? { shadowDatabaseUrl } : {}) } : {},
});
