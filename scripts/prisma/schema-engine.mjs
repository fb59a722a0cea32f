#!/usr/bin/env node
// Offline Prisma schema engine for PostgreSQL.
//
// The Prisma 7 CLI wants a native `schema-engine` executable that it downloads from Prisma's
// binaries host. This machine (and many CI boxes) cannot, so scripts/prisma/run.mjs points
// PRISMA_SCHEMA_ENGINE_BINARY at this file instead. It speaks the same protocol as the native
// engine on top of Prisma's published WASM build (@prisma/schema-engine-wasm) and the
// @prisma/adapter-pg driver adapter:
//
//   schema-engine [--datamodels <file>]... [--datasource <json>] [...]         → JSON-RPC 2.0 server,
//       one JSON object per line on stdin/stdout, logs as JSON lines on stderr.
//   schema-engine --datasource <json> cli can-connect-to-database|create-database|drop-database
//       → one-shot; on failure exit 1 with a JSON error log line on stderr (after a first line).
//
// Workarounds for the WASM engine + adapter-pg (see /work/shared/notes/platform.md):
//   * PG "char" (oid 18) columns are reported to the engine as ColumnType Character.
//   * The shadow database is created/dropped by us (URL with the database name replaced) and
//     dropped WITH (FORCE) after its pool is closed.
//   * Pools are recycled after every request, so no idle connection keeps the advisory lock.
//   * createMigration / evaluateDataLoss get an implicit devDiagnostic first.
//   * A WASM panic is answered as a panic error on the pending request, then we exit 101.
//
// Plain JavaScript on purpose: it must run without a build step. Set PLENARY_SHIM_DEBUG=1 to log
// every request/response to stderr.

import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const DEBUG = !!process.env.PLENARY_SHIM_DEBUG;

// ───────────────────────── arguments ─────────────────────────

function parseArgs(argv) {
  const out = { datamodels: [], datasource: null, cli: null, previewFeatures: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === "--datamodels" || a === "-d") {
      // The CLI repeats the flag; a clap-style space separated list is accepted too.
      while (i + 1 < argv.length && !argv[i + 1].startsWith("-")) out.datamodels.push(next());
    } else if (a.startsWith("--datamodels=")) out.datamodels.push(a.slice(13));
    else if (a === "--datasource") out.datasource = JSON.parse(next());
    else if (a.startsWith("--datasource=")) out.datasource = JSON.parse(a.slice(13));
    else if (a === "--enabled-preview-features") out.previewFeatures = next().split(",");
    else if (a === "--extension-types") next();
    else if (a === "--version" || a === "-V") out.version = true;
    else if (a === "cli") {
      out.cli = argv.slice(i + 1);
      break;
    }
  }
  return out;
}

// ───────────────────────── logging (native engine format) ─────────────────────────

function logLine(level, message, fields = {}) {
  process.stderr.write(
    JSON.stringify({
      timestamp: new Date().toISOString(),
      level,
      fields: { message, ...fields },
      target: "schema_engine::logger",
    }) + "\n",
  );
}
const debug = (...a) => {
  if (DEBUG) process.stderr.write("[schema-engine-shim] " + a.join(" ") + "\n");
};

// ───────────────────────── PostgreSQL helpers ─────────────────────────

function parseDbUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw Object.assign(new Error(`The provided database string is invalid. Cannot parse URL.`), { code: "P1013" });
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") {
    throw Object.assign(
      new Error(
        `This offline schema engine only supports PostgreSQL (got ${u.protocol}). Set PLENARY_PRISMA_NATIVE=1 to use Prisma's native engine.`,
      ),
      { code: "P1013" },
    );
  }
  const schema = u.searchParams.get("schema") || undefined;
  u.searchParams.delete("schema");
  // Prisma-only parameters pg does not understand.
  for (const p of ["connection_limit", "pool_timeout", "connect_timeout", "socket_timeout", "pgbouncer", "statement_cache_size"]) {
    if (p === "connect_timeout" && u.searchParams.has(p)) continue;
    u.searchParams.delete(p);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
  return {
    schema,
    database,
    /** connection string for pg (without Prisma-only params) */
    pgUrl: u.toString(),
    /** same server, other database */
    withDatabase(db) {
      const v = new URL(u.toString());
      v.pathname = "/" + encodeURIComponent(db);
      return v.toString();
    },
  };
}

function quoteIdent(s) {
  return '"' + String(s).replace(/"/g, '""') + '"';
}

let pgModule;
function pg() {
  pgModule ??= require("pg");
  return pgModule;
}

async function withClient(url, fn) {
  const client = new (pg().Client)({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Translate a pg / network error into Prisma's P-codes (what the CLI prints). */
function pgErrorToPrisma(err, info) {
  const db = info?.database;
  switch (err?.code) {
    case "3D000":
      return { code: "P1003", message: `Database \`${db}\` does not exist` };
    case "28P01":
    case "28000":
      return {
        code: "P1000",
        message: `Authentication failed against the database server, the provided database credentials are not valid.\n${err.message}`,
      };
    case "42P04":
      return { code: "P1009", message: `Database \`${db}\` already exists on the database server` };
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
    case "ENOENT":
      return { code: "P1001", message: `Can't reach database server: ${err.message}` };
    default:
      return { code: err?.code && /^P\d{4}$/.test(err.code) ? err.code : undefined, message: err?.message ?? String(err) };
  }
}

// ───────────────────────── one-shot `cli` commands ─────────────────────────

async function runCli(args, datasource) {
  const cmd = args[0];
  const url = datasource?.url;
  try {
    if (!url) throw Object.assign(new Error('No datasource url given (--datasource {"url": ...}).'), { code: "P1012" });
    const info = parseDbUrl(url);
    if (cmd === "can-connect-to-database") {
      await withClient(info.pgUrl, (c) => c.query("SELECT 1"));
    } else if (cmd === "create-database") {
      await withClient(info.withDatabase("postgres"), (c) => c.query(`CREATE DATABASE ${quoteIdent(info.database)}`)).catch(async (e) => {
        // No `postgres` maintenance database? Try template1.
        if (e?.code === "3D000") return withClient(info.withDatabase("template1"), (c) => c.query(`CREATE DATABASE ${quoteIdent(info.database)}`));
        throw e;
      });
      process.stdout.write(JSON.stringify({ databaseName: info.database }) + "\n");
    } else if (cmd === "drop-database") {
      await withClient(info.withDatabase("postgres"), (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(info.database)} WITH (FORCE)`));
    } else {
      throw new Error(`Unknown cli command: ${cmd}`);
    }
    return 0;
  } catch (err) {
    let info;
    try {
      info = parseDbUrl(url);
    } catch {}
    const { code, message } = pgErrorToPrisma(err, info);
    // The CLI skips the first stderr line and JSON-parses the rest.
    process.stderr.write(`schema-engine-shim ${cmd} failed\n`);
    process.stderr.write(
      JSON.stringify({
        timestamp: new Date().toISOString(),
        level: "ERROR",
        fields: { message, ...(code ? { error_code: code } : {}) },
        target: "schema_engine::logger",
      }),
    );
    return 1;
  }
}

// ───────────────────────── WASM engine ─────────────────────────

async function loadWasm() {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: "",
    get() {
      return this.message;
    },
    set_message(m) {
      this.message = m;
    },
  };
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm")); // → schema_engine.js
  // schema_engine.js imports the .wasm as an ES module (needs a bundler / experimental flag), so
  // wire the bindings by hand.
  const bg = await import(pathToFileURL(path.join(pkgDir, "schema_engine_bg.js")).href);
  const bytes = fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

// ── adapter-pg workarounds ──

const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
let patchedProto = null;

/** Make adapter-pg report PG "char" (oid 18) columns as Character instead of throwing. */
function patchCharType(adapter) {
  // PrismaPgAdapter → PgQueryable (which PgTransaction also extends)
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "queryRaw")) proto = Object.getPrototypeOf(proto);
  if (!proto || proto === patchedProto || proto.__plenaryCharPatched) return;
  const origQueryRaw = proto.queryRaw;
  proto.queryRaw = async function (query) {
    const self = this;
    let charCols = [];
    const view = Object.create(this);
    view.performIO = async function (q) {
      const res = await self.performIO(q);
      if (res?.fields?.some((f) => f.dataTypeID === PG_CHAR_OID)) {
        charCols = [];
        res.fields = res.fields.map((f, i) => {
          if (f.dataTypeID !== PG_CHAR_OID) return f;
          charCols.push(i);
          return { ...f, dataTypeID: PG_TEXT_OID };
        });
      }
      return res;
    };
    const out = await origQueryRaw.call(view, query);
    for (const i of charCols) out.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return out;
  };
  proto.__plenaryCharPatched = true;
  patchedProto = proto;
}

/**
 * A pg.Pool whose connections can be dropped between requests without the adapter noticing:
 * queries go to an inner pool that is created on demand and ended by recycle().
 */
function makeRecyclablePoolClass() {
  const { Pool } = pg();
  return class RecyclablePool extends Pool {
    constructor(config) {
      super(config);
      this._cfg = config;
      this._inner = null;
    }
    _get() {
      if (!this._inner) {
        this._inner = new Pool(this._cfg);
        this._inner.on("error", (e) => {
          if (this.listenerCount("error") > 0) this.emit("error", e);
        });
      }
      return this._inner;
    }
    query(...args) {
      return this._get().query(...args);
    }
    connect(...args) {
      return this._get().connect(...args);
    }
    async recycle() {
      const inner = this._inner;
      this._inner = null;
      if (inner) await inner.end().catch(() => {});
    }
    async end() {
      await this.recycle();
    }
  };
}

class OfflinePgFactory {
  provider = "postgres";
  adapterName = "@prisma/adapter-pg";

  constructor(datasource, PrismaPg) {
    this.PrismaPg = PrismaPg;
    this.url = datasource?.url ?? null;
    this.shadowUrl = datasource?.shadowDatabaseUrl ?? null;
    this.pools = new Set();
    this.shadowDbs = new Set();
    this.RecyclablePool = makeRecyclablePoolClass();
  }

  _info() {
    if (!this.url) {
      throw Object.assign(new Error("No database URL configured (datasource.url in prisma.config.ts / DATABASE_URL)."), { code: "P1012" });
    }
    return parseDbUrl(this.url);
  }

  async _adapterFor(pgUrl, schema) {
    const pool = new this.RecyclablePool({ connectionString: pgUrl, connectionTimeoutMillis: 15_000, idleTimeoutMillis: 5_000 });
    this.pools.add(pool);
    const factory = new this.PrismaPg(pool, schema ? { schema } : undefined);
    const adapter = await factory.connect();
    patchCharType(adapter);
    return { adapter, pool };
  }

  async connect() {
    const info = this._info();
    const { adapter } = await this._adapterFor(info.pgUrl, info.schema);
    return adapter;
  }

  async connectToShadowDb() {
    if (this.shadowUrl) {
      // An explicit shadow database: like the native engine, start from an empty schema.
      const info = parseDbUrl(this.shadowUrl);
      const schema = info.schema ?? "public";
      await withClient(info.pgUrl, async (c) => {
        await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
        await c.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
      });
      const { adapter } = await this._adapterFor(info.pgUrl, info.schema);
      return adapter;
    }
    const info = this._info();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await withClient(info.pgUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
    this.shadowDbs.add(name);
    const { adapter, pool } = await this._adapterFor(info.withDatabase(name), info.schema);
    const origDispose = adapter.dispose?.bind(adapter);
    adapter.dispose = async () => {
      await origDispose?.().catch(() => {});
      await pool.recycle();
      this.pools.delete(pool);
      await this._dropShadow(name);
    };
    return adapter;
  }

  async _dropShadow(name) {
    const info = this._info();
    await withClient(info.pgUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).then(
      () => this.shadowDbs.delete(name),
      (e) => logLine("WARN", `could not drop shadow database ${name}: ${e.message}`),
    );
  }

  /** Close every connection (releases advisory locks) and drop leftover shadow databases. */
  async recycle() {
    await Promise.all([...this.pools].map((p) => p.recycle()));
    for (const name of [...this.shadowDbs]) await this._dropShadow(name);
  }
}

// ───────────────────────── JSON-RPC server ─────────────────────────

const EMPTY_FILTER = { externalTables: [], externalEnums: [] };

async function serve(args) {
  const [bg, { PrismaPg }, { bindMigrationAwareSqlAdapterFactory }] = await Promise.all([
    loadWasm(),
    import("@prisma/adapter-pg"),
    import("@prisma/driver-adapter-utils"),
  ]);
  const factory = new OfflinePgFactory(args.datasource, PrismaPg);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const datamodels = args.datamodels.map((f) => [f, fs.readFileSync(f, "utf8")]);

  let engine = null;
  let diagnosed = false;
  const getEngine = async () => {
    engine ??= await bg.SchemaEngine.new(
      { datamodels: datamodels.length ? datamodels : undefined },
      (line) => {
        // Already JSON in the native engine's log format.
        process.stderr.write(String(line).replace(/\n+$/, "") + "\n");
      },
      bound,
    );
    return engine;
  };

  const send = (obj) => {
    const s = JSON.stringify(obj) + "\n";
    debug("→", s.slice(0, 2000).trimEnd());
    process.stdout.write(s);
  };

  // Requests from us to the CLI (only "print").
  let outgoingId = 1_000_000;
  const outgoing = new Map();
  const printToCli = (content) =>
    new Promise((resolve) => {
      const id = outgoingId++;
      outgoing.set(id, resolve);
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });

  const handlers = {
    async applyMigrations(p) {
      return (await getEngine()).applyMigrations({ filters: EMPTY_FILTER, ...p });
    },
    async createDatabase(p) {
      const url = p?.datasource?.tag === "ConnectionString" ? p.datasource.url : factory.url;
      const info = parseDbUrl(url);
      await withClient(info.withDatabase("postgres"), (c) => c.query(`CREATE DATABASE ${quoteIdent(info.database)}`));
      return { databaseName: info.database };
    },
    async createMigration(p) {
      const e = await getEngine();
      if (!diagnosed) await handlers.devDiagnostic({ migrationsList: p.migrationsList, filters: p.filters ?? EMPTY_FILTER });
      return e.createMigration({ filters: EMPTY_FILTER, ...p });
    },
    async dbExecute(p) {
      await (await getEngine()).dbExecute(p);
      return {};
    },
    async debugPanic() {
      return (await getEngine()).debugPanic();
    },
    async devDiagnostic(p) {
      const r = await (await getEngine()).devDiagnostic({ filters: EMPTY_FILTER, ...p });
      diagnosed = true;
      return r;
    },
    async diagnoseMigrationHistory(p) {
      return (await getEngine()).diagnoseMigrationHistory({ filters: EMPTY_FILTER, ...p });
    },
    async diff(p) {
      const r = await (await getEngine()).diff({ filters: EMPTY_FILTER, exitCode: null, ...p });
      if (r?.stdout != null && r.stdout !== "") await printToCli(r.stdout.replace(/\n$/, ""));
      return { exitCode: r?.exitCode ?? 0 };
    },
    async ensureConnectionValidity(p) {
      return (await getEngine()).ensureConnectionValidity(p ?? {});
    },
    async evaluateDataLoss(p) {
      const e = await getEngine();
      if (!diagnosed) await handlers.devDiagnostic({ migrationsList: p.migrationsList, filters: p.filters ?? EMPTY_FILTER });
      return e.evaluateDataLoss({ filters: EMPTY_FILTER, ...p });
    },
    async getDatabaseVersion(p) {
      return (await getEngine()).version(p ?? null);
    },
    async introspect(p) {
      return (await getEngine()).introspect(p);
    },
    async introspectSql(p) {
      return (await getEngine()).introspectSql(p);
    },
    async markMigrationApplied(p) {
      return (await getEngine()).markMigrationApplied(p);
    },
    async markMigrationRolledBack(p) {
      return (await getEngine()).markMigrationRolledBack(p);
    },
    async reset(p) {
      await (await getEngine()).reset({ filter: EMPTY_FILTER, ...p });
      return {};
    },
    async schemaPush(p) {
      return (await getEngine()).schemaPush({ filters: EMPTY_FILTER, ...p });
    },
  };

  let exiting = false;
  const shutdown = async (code) => {
    if (exiting) return;
    exiting = true;
    await factory.recycle().catch(() => {});
    process.exit(code);
  };

  // Requests are handled one at a time, in order (like the native engine).
  let queue = Promise.resolve();
  const handle = async (msg) => {
    const { id, method, params } = msg;
    debug("←", JSON.stringify(msg).slice(0, 2000));
    try {
      const fn = handlers[method];
      if (!fn) {
        send({ jsonrpc: "2.0", id, error: { code: -32601, message: `Method not found: ${method}` } });
        return;
      }
      const result = await fn(params ?? {});
      await factory.recycle();
      send({ jsonrpc: "2.0", id, result: result ?? {} });
    } catch (err) {
      await factory.recycle().catch(() => {});
      const panic = err instanceof WebAssembly.RuntimeError || err?.name === "RuntimeError";
      if (panic) {
        const message = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message || err.message;
        logLine("ERROR", `panic: ${message}`, { is_panic: true });
        send({
          jsonrpc: "2.0",
          id,
          error: {
            code: 4466,
            message: "An error happened. Check the data field for details.",
            data: { is_panic: true, message, error: { message }, meta: {} },
          },
        });
        // The WASM instance is unusable after a panic.
        await shutdown(101);
        return;
      }
      let code = err?.code;
      let message = err?.message ?? String(err);
      if (err && !(err instanceof Error) && typeof err === "object") message = JSON.stringify(err);
      if (!(typeof code === "string" && /^P\d{4}$/.test(code))) {
        const mapped = pgErrorToPrisma(err, factory.url ? safeInfo(factory.url) : undefined);
        code = mapped.code;
        message = mapped.message;
      }
      logLine("ERROR", message, code ? { error_code: code } : {});
      send({
        jsonrpc: "2.0",
        id,
        error: {
          code: 4466,
          message: "An error happened. Check the data field for details.",
          data: { is_panic: false, message, meta: err?.meta ?? {}, ...(code ? { error_code: code } : {}) },
        },
      });
    }
  };

  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (msg.method === undefined && msg.id !== undefined && outgoing.has(msg.id)) {
      // Response to one of our own requests (print).
      outgoing.get(msg.id)(msg.result);
      outgoing.delete(msg.id);
      return;
    }
    queue = queue.then(() => handle(msg));
  });
  rl.on("close", () => {
    queue.then(() => shutdown(0));
  });
  for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(sig, () => shutdown(0));
}

function safeInfo(url) {
  try {
    return parseDbUrl(url);
  } catch {
    return undefined;
  }
}

// ───────────────────────── main ─────────────────────────

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  const bg = await loadWasm();
  process.stdout.write(`schema-engine-cli ${bg.version()} (offline WASM shim, ${path.relative(process.cwd(), here) || "."})\n`);
  process.exit(0);
} else if (args.cli) {
  process.exitCode = await runCli(args.cli, args.datasource);
} else {
  process.on("unhandledRejection", (e) => {
    logLine("ERROR", `unhandled rejection in schema engine shim: ${e?.stack ?? e}`);
  });
  try {
    await serve(args);
  } catch (err) {
    logLine("ERROR", `schema engine shim failed to start: ${err?.stack ?? err}`);
    process.exit(1);
  }
}
