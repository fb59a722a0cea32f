/**
 * `npm test`: every test, exiting non-zero when any fails.
 *   1. tools: Chromium and ffmpeg (scripts/ensure-tools.ts)
 *   2. the type check (tsc over the whole repository)
 *   3. lint: ESLint (correctness rules, folder boundaries) and Prettier's check (`npm run lint`)
 *   4. unit + integration (vitest) against a real PostgreSQL: DATABASE_URL's server, or embedded
 *   5. end-to-end (Playwright in Chromium) against the real app, built and started by the config
 */
import { spawnSync } from "node:child_process";
import { ensureTools } from "./ensure-tools";

const started = Date.now();
ensureTools();

function step(name: string, cmd: string, args: string[]): boolean {
  console.log(`\n[test] ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  return r.status === 0;
}

const only = process.argv[2];
const results: [string, boolean][] = [];
if (!only || only === "types") results.push(["types", step("type check (tsc)", "npx", ["tsc", "--noEmit", "-p", "."])]);
if (!only || only === "lint") results.push(["lint", step("lint (eslint, prettier --check)", "npm", ["run", "lint"])]);
if (!only || only === "unit") results.push(["unit + integration", step("unit + integration (vitest)", "npx", ["vitest", "run"])]);
if (!only || only === "e2e") results.push(["end-to-end", step("end-to-end (playwright)", "npx", ["playwright", "test"])]);

console.log(`\n[test] ${results.map(([n, ok]) => `${n}: ${ok ? "passed" : "FAILED"}`).join(" · ")} · ${((Date.now() - started) / 1000).toFixed(0)}s`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
