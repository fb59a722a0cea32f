#!/usr/bin/env node
// Runs the real Prisma CLI (node_modules/prisma) so that it works offline:
//   node scripts/prisma/run.mjs <prisma args...>      e.g.  node scripts/prisma/run.mjs migrate deploy
//
// * PRISMA_SCHEMA_ENGINE_BINARY → scripts/prisma/schema-engine.mjs (the WASM-based engine shim),
//   unless it is already set or PLENARY_PRISMA_NATIVE=1 (then Prisma downloads/uses its native
//   engine as usual — needs internet).
// * Disables Prisma's update check / telemetry (CHECKPOINT_DISABLE, PRISMA_HIDE_UPDATE_MESSAGE) and
//   the checksum download for engines (PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING).
// * Loads ./.env (if present, without overriding the environment) like prisma.config.ts does.
//
// Also usable as a module: `import { prismaEnv, runPrisma } from './run.mjs'`.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, "..", "..");
export const shimPath = path.join(here, "schema-engine.mjs");
const require = createRequire(path.join(projectRoot, "package.json"));

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Path of an executable that runs the shim. The shim itself if it is executable (or can be made
 * so: git checkouts with core.fileMode=false, zip downloads, … lose the bit); otherwise a tiny
 * sh launcher in the temp directory that runs it with this very node binary.
 */
export function shimExecutable() {
  if (!isExecutable(shimPath)) {
    try {
      fs.chmodSync(shimPath, 0o755);
    } catch {}
  }
  if (isExecutable(shimPath) && process.platform !== "win32") return shimPath;
  const hash = crypto
    .createHash("sha256")
    .update(shimPath + "\0" + process.execPath)
    .digest("hex")
    .slice(0, 12);
  const dir = path.join(os.tmpdir(), `plenary-prisma-${hash}`);
  if (process.platform === "win32") {
    const launcher = path.join(dir, "schema-engine.cmd");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(launcher, `@"${process.execPath}" "${shimPath}" %*\r\n`);
    return launcher;
  }
  const launcher = path.join(dir, "schema-engine");
  const content = `#!/bin/sh\nexec '${process.execPath.replace(/'/g, "'\\''")}' '${shimPath.replace(/'/g, "'\\''")}' "$@"\n`;
  let current = null;
  try {
    current = fs.readFileSync(launcher, "utf8");
  } catch {}
  if (current !== content || !isExecutable(launcher)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const tmp = `${launcher}.${process.pid}`;
    fs.writeFileSync(tmp, content, { mode: 0o755 });
    fs.renameSync(tmp, launcher);
  }
  return launcher;
}

/** Load ./.env into process.env (existing variables win). */
export function loadDotEnv(file = path.join(projectRoot, ".env")) {
  if (typeof process.loadEnvFile !== "function" || !fs.existsSync(file)) return;
  try {
    process.loadEnvFile(file);
  } catch {}
}

/** The environment the Prisma CLI should run with. */
export function prismaEnv(base = process.env) {
  const env = { ...base };
  env.CHECKPOINT_DISABLE ??= "1";
  env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
  env.PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING ??= "1";
  const native = env.PLENARY_PRISMA_NATIVE === "1" || env.PLENARY_PRISMA_NATIVE === "true";
  if (!native && !env.PRISMA_SCHEMA_ENGINE_BINARY) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = shimExecutable();
    // The shim's shebang is `#!/usr/bin/env node`: make sure that finds this node.
    const binDir = path.dirname(process.execPath);
    const PATH = env.PATH ?? env.Path ?? "";
    if (!PATH.split(path.delimiter).includes(binDir)) env.PATH = binDir + (PATH ? path.delimiter + PATH : "");
  }
  return env;
}

export function prismaCliPath() {
  return require.resolve("prisma/build/index.js");
}

/**
 * Run the Prisma CLI with `args`. Resolves with the exit code.
 * opts: { env?: extra env, cwd?: string, stdio?: StdioOptions }
 */
export function runPrisma(args, opts = {}) {
  const env = prismaEnv({ ...process.env, ...(opts.env ?? {}) });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCliPath(), ...args], {
      cwd: opts.cwd ?? process.cwd(),
      env,
      stdio: opts.stdio ?? "inherit",
    });
    const forward = (sig) => () => child.kill(sig);
    const handlers = ["SIGINT", "SIGTERM", "SIGHUP"].map((sig) => [sig, forward(sig)]);
    for (const [sig, h] of handlers) process.on(sig, h);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const [sig, h] of handlers) process.off(sig, h);
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1));
    });
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  loadDotEnv();
  process.exitCode = await runPrisma(process.argv.slice(2));
}
