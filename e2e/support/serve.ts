/**
 * The app the end-to-end tests drive: a fresh database of its own (e2e-database-name.ts, on
 * DATABASE_URL's server or an embedded PostgreSQL of its own, dropped at the end), then exactly what `npm start` runs, on E2E_PORT (set by
 * playwright.config.ts), with the realtime server and RTMP on ports the OS says are free.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { rateLimitKeyPrefix } from "../../lib/rate-limit/get-rate-limit-store";
import { ensureDatabase, projectRoot } from "../../scripts/db/embedded-postgres";
import { freePorts } from "../../scripts/free-port";
import { e2eDatabaseName } from "./e2e-database-name";

const port = process.env.E2E_PORT;
if (!port) throw new Error("E2E_PORT is not set: run the end-to-end tests with `npx playwright test`");
// E2E_PORT is not bound yet, so the OS may offer it again: take two others.
const [realtimePort, rtmpPort] = (await freePorts(3)).filter((p) => String(p) !== port);
const server = await ensureDatabase({ dataDir: path.join(projectRoot, ".data/postgres-e2e"), port: 54349 });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
const database = e2eDatabaseName();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${database}`);
await admin.end();
const url = new URL(server.url);
url.pathname = `/${database}`;
// A fresh database gets fresh rate-limit counters too (with REDIS_URL they outlive the server).
if (process.env.REDIS_URL) {
  const redis = new Redis(process.env.REDIS_URL);
  const stale = await redis.keys(`${rateLimitKeyPrefix(url.toString())}*`);
  if (stale.length) await redis.del(...stale);
  await redis.quit();
}

const child = spawn(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
  cwd: projectRoot,
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: port,
    REALTIME_PORT: String(realtimePort),
    RTMP_PORT: String(rtmpPort),
    PUBLIC_URL: `http://localhost:${port}`,
    MEDIA_DIR: ".data/media-e2e",
    // A DATABASE_URL start seeds the demo only when asked; the specs use its accounts and talks.
    PLENARY_SEED_DEMO: "1",
  },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", async (code) => {
  const cleanup = new pg.Client({ connectionString: server.url });
  await cleanup
    .connect()
    .then(() => cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`))
    .catch(() => {})
    .finally(() => cleanup.end().catch(() => {}));
  await server.stop();
  process.exit(code ?? 0);
});
