// Run a command with a migrated database:
//
//   tsx scripts/db/with-database.ts [--no-migrate] [--] <command> [args...]
//
// 1. DATABASE_URL from the environment (or .env); if unset, start the embedded PostgreSQL
//    (scripts/db/embedded-postgres.ts).
// 2. Unless --no-migrate: `prisma migrate deploy` (through the offline wrapper).
// 3. Run <command> with DATABASE_URL set; then stop the embedded server (if we started it) and exit
//    with the command's exit code. SIGINT/SIGTERM are forwarded to the command.
import path from "node:path";
import { constants } from "node:os";
import { spawn } from "node:child_process";
import { ensureDatabase, projectRoot } from "./embedded-postgres.js";
import { migrateDeploy } from "./migrate.js";
import { loadDotEnv } from "../prisma/run.mjs";

function usage(): never {
  process.stderr.write("usage: tsx scripts/db/with-database.ts [--no-migrate] [--] <command> [args...]\n");
  process.exit(2);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let migrate = true;
  while (argv.length && argv[0].startsWith("--")) {
    const flag = argv.shift()!;
    if (flag === "--") break;
    if (flag === "--no-migrate") migrate = false;
    else if (flag === "--help") usage();
    else {
      argv.unshift(flag);
      break;
    }
  }
  if (argv.length === 0) usage();

  loadDotEnv();
  const db = await ensureDatabase();
  let child: ReturnType<typeof spawn> | undefined;
  const forward = (sig: NodeJS.Signals) => () => {
    if (child && child.exitCode === null) child.kill(sig);
  };
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((s) => [s, forward(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  try {
    if (db.embedded) process.stderr.write(`[db] DATABASE_URL=${db.url}\n`);
    if (migrate) await migrateDeploy(db.url);

    const binDir = path.join(projectRoot, "node_modules", ".bin");
    const PATH = [binDir, process.env.PATH ?? ""].join(path.delimiter);
    const [cmd, ...args] = argv;
    return await new Promise<number>((resolve, reject) => {
      child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, PATH, DATABASE_URL: db.url } });
      child.on("error", reject);
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 1) : 1)));
    });
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[db] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
