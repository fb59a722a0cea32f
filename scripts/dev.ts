/**
 * `npm run dev`: the web app in development mode (hot reload) and the realtime server (restarts
 * on change), on the embedded PostgreSQL unless DATABASE_URL is set.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ensureDatabase, projectRoot } from "./db/embedded-postgres";
import { migrateDeploy } from "./db/migrate";
import { parseEnv } from "../lib/config/env";
import { shouldSeedDemo } from "./should-seed-demo";

const port = process.env.PORT ?? "3000";
const db = await ensureDatabase();
await migrateDeploy(db.url);
const env = { ...process.env, DATABASE_URL: db.url, PORT: port, NEXT_TELEMETRY_DISABLED: "1", LOG_FORMAT: process.env.LOG_FORMAT || "pretty" };
const tsx = path.join(projectRoot, "node_modules/tsx/dist/cli.mjs");
if (shouldSeedDemo(parseEnv(process.env))) {
  const seed = spawn(process.execPath, [tsx, "prisma/seed.ts"], { cwd: projectRoot, env, stdio: "inherit" });
  await new Promise((r) => seed.on("exit", r));
}
const children: ChildProcess[] = [
  spawn(process.execPath, [tsx, "watch", "server/main.ts"], { cwd: projectRoot, env, stdio: "inherit" }),
  // NODE_OPTIONS, not an argument: `next dev` serves from a child process, which inherits it.
  spawn(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "dev", "-p", port], {
    cwd: projectRoot,
    env: {
      ...env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${path.join(projectRoot, "scripts/web/stamp-peer-address.mjs")}`.trim(),
    },
    stdio: "inherit",
  }),
];
const stop = async () => {
  children.forEach((c) => c.kill("SIGTERM"));
  await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once("exit", r)))));
  await db.stop();
  process.exit(0);
};
// Apps first, database last (embedded-postgres's own exit hooks would stop it first).
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
