import type { Env } from "../lib/config/env";

/**
 * Whether `npm start` / `npm run dev` load the demo conference, whose accounts have the password
 * printed in the README. A newcomer's first start (the embedded database, not production) gets it
 * without asking; a real database (DATABASE_URL) or production mode only with PLENARY_SEED_DEMO=1.
 * PLENARY_SEED_DEMO=0 turns it off everywhere.
 */
export function shouldSeedDemo(config: Pick<Env, "DATABASE_URL" | "NODE_ENV" | "PLENARY_SEED_DEMO">): boolean {
  if (config.PLENARY_SEED_DEMO) return config.PLENARY_SEED_DEMO === "1";
  return !config.DATABASE_URL && config.NODE_ENV !== "production";
}
