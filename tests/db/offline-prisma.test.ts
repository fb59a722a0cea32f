// The offline Prisma toolchain (scripts/prisma) and the embedded PostgreSQL (scripts/db) against a
// real server: DATABASE_URL's server when set, otherwise an embedded one in a temp directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase, projectRoot, type EnsuredDatabase } from "../../scripts/db/embedded-postgres.js";
import { migrateDeploy } from "../../scripts/db/migrate.js";

const RUN = path.join(projectRoot, "scripts", "prisma", "run.mjs");
const MIGRATIONS_DIR = path.join(projectRoot, "prisma", "migrations");

/** `node scripts/prisma/run.mjs <args>` with DATABASE_URL=url; never throws. */
function prisma(args: string[], url: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [RUN, ...args],
      { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/** Table names the schema declares: @@map("x") or the model name. */
function tablesInSchema(): string[] {
  const schema = fs.readFileSync(path.join(projectRoot, "prisma", "schema.prisma"), "utf8");
  return [...schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)].map(([, name, body]) => /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name);
}

function committedMigrations(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

function withDatabaseName(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("offline prisma migrate", () => {
  let server: EnsuredDatabase;
  let tmpData: string | undefined;
  let url: string;
  const dbName = `plenary_test_${randomUUID().replace(/-/g, "").slice(0, 12)}`;

  beforeAll(async () => {
    if (!process.env.DATABASE_URL) {
      tmpData = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-test-pg-"));
      fs.chmodSync(tmpData, 0o755);
    }
    server = await ensureDatabase({ dataDir: tmpData && path.join(tmpData, "data"), log: () => {} });
    await query(server.url, `CREATE DATABASE "${dbName}"`);
    url = withDatabaseName(server.url, dbName);
  }, 120_000);

  afterAll(async () => {
    if (server) {
      await query(server.url, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
      await server.stop();
    }
    if (tmpData) fs.rmSync(tmpData, { recursive: true, force: true });
  }, 60_000);

  it("has committed migrations with a lock file for postgresql", () => {
    expect(committedMigrations().length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toMatch(/provider = "postgresql"/);
  });

  it("reports pending migrations on an empty database", async () => {
    const { code, output } = await prisma(["migrate", "status"], url);
    expect(output).toMatch(/not yet been applied/);
    for (const name of committedMigrations()) expect(output).toContain(name);
    expect(code).not.toBe(0);
  }, 120_000);

  it("migrate deploy creates every table of the schema and records every migration", async () => {
    await migrateDeploy(url, { stdio: "ignore" });

    const tables = (await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).map(
      (r) => r.table_name,
    );
    const expected = tablesInSchema();
    expect(expected.length).toBeGreaterThan(10);
    expect(tables).toEqual(expect.arrayContaining([...expected, "_prisma_migrations"]));

    const applied = await query<{ migration_name: string }>(
      url,
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    expect(applied.map((r) => r.migration_name)).toEqual(committedMigrations());
  }, 120_000);

  it("migrate status says the database is up to date after deploy", async () => {
    const { code, output } = await prisma(["migrate", "status"], url);
    expect(output).toContain("Database schema is up to date!");
    expect(code).toBe(0);
  }, 120_000);

  it("migrate deploy a second time applies nothing and succeeds", async () => {
    const { code, output } = await prisma(["migrate", "deploy"], url);
    expect(output).toMatch(/No pending migrations to apply/);
    expect(code).toBe(0);
  }, 120_000);
});

describe("ensureDatabase without DATABASE_URL", () => {
  let saved: string | undefined;
  let tmp: string;

  beforeAll(() => {
    saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-embedded-"));
    // mkdtemp makes it mode 700; as root the server runs as `postgres`, which must be able to enter
    // it (otherwise ensureDatabase moves the data elsewhere, tested by hand: see scripts/db).
    fs.chmodSync(tmp, 0o755);
  });

  afterAll(() => {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("starts an embedded PostgreSQL that answers select 1, and stops it", async () => {
    const dataDir = path.join(tmp, "data");
    const db = await ensureDatabase({ dataDir, log: () => {} });
    try {
      expect(db.embedded).toBe(true);
      expect(new URL(db.url).pathname).toBe("/plenary");
      const rows = await query<{ one: number }>(db.url, "SELECT 1 AS one");
      expect(rows).toEqual([{ one: 1 }]);
      expect(fs.existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    } finally {
      await db.stop();
    }
    await expect(query(db.url, "SELECT 1")).rejects.toThrow();
  }, 120_000);

  it("starts again on the existing data directory and keeps its data", async () => {
    const dataDir = path.join(tmp, "data");
    const first = await ensureDatabase({ dataDir, log: () => {} });
    await query(first.url, "CREATE TABLE IF NOT EXISTS kept (v int)");
    await query(first.url, "INSERT INTO kept VALUES (42)");
    await first.stop();

    const second = await ensureDatabase({ dataDir, log: () => {} });
    try {
      expect(await query(second.url, "SELECT v FROM kept")).toEqual([{ v: 42 }]);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it("returns DATABASE_URL untouched when it is set", async () => {
    process.env.DATABASE_URL = "postgresql://someone@db.invalid:5432/elsewhere";
    try {
      const db = await ensureDatabase({ log: () => {} });
      expect(db).toMatchObject({ url: "postgresql://someone@db.invalid:5432/elsewhere", embedded: false });
      await db.stop();
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
