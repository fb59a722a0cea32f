/**
 * The e2e app's database: one per run (named after the run's E2E_PORT, which playwright.config.ts
 * sets for the web server and the workers alike), so two runs against one PostgreSQL server — two
 * checkouts on one machine — never drop each other's database mid-run.
 */
export function e2eDatabaseName(): string {
  const port = process.env.E2E_PORT;
  if (!port) throw new Error("E2E_PORT is not set: run the end-to-end tests with `npx playwright test`");
  return `plenary_e2e_${Number(port)}`;
}
