import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseUrl, overrideEnv } from "@/lib/config/env";
import { getPool, prisma } from "@/lib/db/client";
import { runInOneExchange } from "@/lib/db/run-in-one-exchange";

// One connection: every exchange below runs on the same one, so what it leaves behind shows.
overrideEnv({ DATABASE_POOL_MAX: "1" });

const table = `exchange_probe_${process.pid}`;
const insert = (id: string) => ({ text: `INSERT INTO ${table} (id) VALUES ($1::text)`, values: [id] });
const count = async () => Number((await getPool().query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

describe("runInOneExchange", () => {
  beforeAll(async () => {
    await getPool().query(`CREATE TABLE ${table} (id text PRIMARY KEY)`);
  });
  afterAll(async () => {
    await getPool().query(`DROP TABLE IF EXISTS ${table}`);
    await prisma.$disconnect();
  });

  it("commits its statements together and answers each one", async () => {
    const results = await runInOneExchange([insert("a"), { text: `SELECT count(*)::int AS n FROM ${table}` }, insert("b")]);
    expect(results).toHaveLength(3);
    // The second statement sees the first: one transaction, in order.
    expect(results[1]!.rows).toEqual([{ n: 1 }]);
    expect(await count()).toBe(2);
  });

  it("undoes everything when one statement fails, and rejects with that statement's error", async () => {
    await expect(runInOneExchange([insert("c"), insert("a"), insert("d")])).rejects.toMatchObject({ code: "23505" });
    expect(await count()).toBe(2);
  });

  it("sends values as data: quotes, backslashes, semicolons, NULs refused by PostgreSQL, arrays, numbers and NULL", async () => {
    const awkward = `it's; DROP TABLE ${table}; -- \\ "x" ünïcode`;
    const [row] = await runInOneExchange([
      {
        text: "SELECT $1::text AS text, $2::int AS int, $3::text[] AS list, $4::text AS nothing, $5::text[] AS empty, $6::boolean AS yes",
        values: [awkward, 42, ["a'b", "c,d", '{"e"}'], null, [], true],
      },
    ]);
    expect(row!.rows[0]).toEqual({ text: awkward, int: 42, list: ["a'b", "c,d", '{"e"}'], nothing: null, empty: [], yes: true });
    expect(await count()).toBe(2);
    await expect(runInOneExchange([{ text: "SELECT $1::int AS n", values: [Number.NaN] }])).rejects.toThrow(/finite/);
  });

  it("gives the connection back as it found it: no open transaction, statements prepared once", async () => {
    for (const id of ["e", "f", "g"]) await runInOneExchange([insert(id)]);
    const client = await getPool().connect();
    try {
      expect((await client.query("SELECT now() = statement_timestamp() AS fresh")).rows[0].fresh).toBe(true);
      expect((await client.query("SELECT current_setting('transaction_isolation') AS level")).rows[0].level).toBe("read committed");
      const prepared = await client.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE $1`, [
        `%INSERT INTO ${table}%`,
      ]);
      expect(prepared.rows[0].n).toBe(1);
    } finally {
      client.release();
    }
    expect(await count()).toBe(5);
  });

  it("prepares again when the session lost its statements (DISCARD ALL, a pooler)", async () => {
    await runInOneExchange([insert("h")]);
    const client = await getPool().connect();
    try {
      await client.query("DEALLOCATE ALL");
    } finally {
      client.release();
    }
    await runInOneExchange([insert("i")]);
    expect(await count()).toBe(7);
  });

  it("takes a statement's snapshot when it starts: a statement after a lock sees what the lock waited for", async () => {
    // A second session, outside the pool, commits while the exchange waits on its lock.
    const other = new pg.Client({ connectionString: getDatabaseUrl() });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock(4242)");
      await other.query(`INSERT INTO ${table} (id) VALUES ('late')`);
      const exchange = runInOneExchange([{ text: "SELECT pg_advisory_xact_lock(4242)" }, { text: `SELECT count(*)::int AS n FROM ${table}` }]);
      await new Promise((r) => setTimeout(r, 200));
      await other.query("COMMIT");
      const [, counted] = await exchange;
      expect(counted!.rows).toEqual([{ n: 8 }]);
    } finally {
      await other.end();
    }
  });
});
