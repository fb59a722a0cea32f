/**
 * `npm start`: Plenary on one machine with nothing installed but Node.
 *  1. a database: DATABASE_URL, or an embedded PostgreSQL kept in .data/postgres
 *  2. migrations (prisma migrate deploy, offline) and the demo conference (seeded once; with
 *     DATABASE_URL or NODE_ENV=production only when PLENARY_SEED_DEMO=1, see should-seed-demo.ts)
 *  3. a production build of the web app (rebuilt only when the sources changed)
 *  4. the web app (next start on PORT) and the realtime server (REALTIME_PORT = PORT + 1)
 * Ctrl-C stops everything, the embedded database last.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseEnv } from "../lib/config/env";
import { ensureDatabase, projectRoot } from "./db/embedded-postgres";
import { migrateDeploy } from "./db/migrate";
import { computeBuildFingerprint } from "./build-fingerprint";
import { superviseChild, type Supervised } from "./supervise";
import { shouldSeedDemo } from "./should-seed-demo";

const root = projectRoot;
const started = Date.now();
const log = (s: string) => console.log(`[plenary] ${s}`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

// The app's own settings, through the app's schema: a bad value stops here, before any build.
const config = parseEnv(process.env);
const port = config.PORT;
const realtimePort = config.REALTIME_PORT;
const publicUrl = config.PUBLIC_URL;

/** A stable auth secret per installation (sessions survive restarts) unless one is configured. */
function authSecret(): string {
  if (config.BETTER_AUTH_SECRET) return config.BETTER_AUTH_SECRET;
  const file = path.join(root, ".data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

function portIsFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(p, () => probe.close(() => resolve(true)));
  });
}

async function main() {
  for (const [name, p] of [
    ["PORT", port],
    ["REALTIME_PORT", realtimePort],
  ] as const) {
    if (!(await portIsFree(p))) {
      console.error(`[plenary] port ${p} is already in use: stop what is using it, or set ${name}=<another port>`);
      process.exit(1);
    }
  }
  const database = await ensureDatabase({ log });
  log(database.embedded ? `embedded PostgreSQL ready (${elapsed()})` : "using DATABASE_URL");
  const children: Supervised[] = [];
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    await Promise.all(children.map((c) => c.stop()));
    await database.stop();
    process.exit(code);
  };
  // embedded-postgres installs exit hooks that stop PostgreSQL (and exit 130) the moment a signal
  // arrives, under the still-running apps; we stop in order instead: apps first, database last.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    BETTER_AUTH_SECRET: authSecret(),
    PORT: String(port),
    REALTIME_PORT: String(realtimePort),
    PUBLIC_URL: publicUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    // Logs for a person at a terminal (a deployment keeps JSON lines for its collector).
    LOG_FORMAT: process.env.LOG_FORMAT || "pretty",
    // No mail server on a newcomer's machine: account mails wait in the dev mailbox page instead.
    ...(config.SMTP_URL ? {} : { PLENARY_DEV_MAILBOX: "1" }),
  };
  try {
    await migrateDeploy(database.url);
    log(`database migrated (${elapsed()})`);
    if (!fs.existsSync(path.join(root, "lib/db/generated/client.ts"))) {
      await run(process.execPath, ["scripts/prisma/run.mjs", "generate"], env);
    }
    // Decided on the environment as given, before NODE_ENV=production is set for the apps.
    if (shouldSeedDemo(config)) {
      await run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "prisma/seed.ts"], env);
    } else {
      log("no demo conference (DATABASE_URL or production: set PLENARY_SEED_DEMO=1 to load it)");
    }

    const marker = path.join(root, ".next", "plenary-build-hash");
    const { hash } = computeBuildFingerprint({ root });
    if (!fs.existsSync(marker) || fs.readFileSync(marker, "utf8") !== hash || process.env.PLENARY_REBUILD === "1") {
      log("building the web app (first start or changed sources; later starts skip this)…");
      await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], env);
      fs.writeFileSync(marker, hash);
      log(`built (${elapsed()})`);
    }
  } catch (error) {
    console.error(error);
    await stop(1);
    return;
  }

  // A crashed app is restarted with a message; the other one (and everyone on it) keeps running.
  const spawnChild = (name: string, args: string[]) => {
    children.push(
      superviseChild({
        name,
        start: () => spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" }),
        log,
        onGiveUp: (code) => void stop(code ?? 1),
      }),
    );
  };
  spawnChild("realtime server", [path.join(root, "node_modules/tsx/dist/cli.mjs"), "server/main.ts"]);
  // The preload hands route handlers the TCP peer, for rate limits (lib/security/client-address.ts).
  spawnChild("web app", [
    "--import",
    "./scripts/web/stamp-peer-address.mjs",
    path.join(root, "node_modules/next/dist/bin/next"),
    "start",
    "-p",
    String(port),
  ]);
  // /api/health, not /: a deployment without the demo may have no conference yet.
  await Promise.all([waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000), waitForHttp(`http://127.0.0.1:${realtimePort}/healthz`, 120_000)]);
  log(`ready in ${elapsed()}: open ${publicUrl}  (realtime on :${realtimePort}; Ctrl-C to stop)`);
  if (!config.SMTP_URL) log(`no SMTP_URL: account mails (address confirmation, password reset) are shown at ${publicUrl}/dev/mailbox`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
