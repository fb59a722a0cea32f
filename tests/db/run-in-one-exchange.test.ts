import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/config/env";
import { getPool, prisma } from "@/lib/db/client";
import { runInOneExchange } from "@/lib/db/run-in-one-exchange";

// One connection: every exchange below runs on the same one, so what it leaves behind shows.
overrideEnv({ DATABASE_POOL_MAX: "1" });

const table = `exchange_probe_${process.pid}`;
const insert = (id: string) => ({ text: `INSERT INTO ${table} (id) VALUES ($1)`, values: [id] });
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
    const outcomes = await runInOneExchange([insert("a"), { text: `SELECT count(*)::int AS n FROM ${table}` }, insert("b")]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    // The second statement sees the first: one transaction, in order.
    expect((outcomes[1] as PromiseFulfilledResult<pg.QueryResult>).value.rows).toEqual([{ n: 1 }]);
    expect(await count()).toBe(2);
  });

  it("undoes everything when one statement fails, and says which one failed", async () => {
    const outcomes = await runInOneExchange([insert("c"), insert("a"), insert("d")]);
    expect(outcomes[0].status).toBe("fulfilled");
    expect(outcomes[1]).toMatchObject({ status: "rejected", reason: { code: "23505" } });
    // After a failure the transaction is aborted: the rest is refused, COMMIT rolls back.
    expect(outcomes[2]).toMatchObject({ status: "rejected", reason: { code: "25P02" } });
    expect(await count()).toBe(2);
  });

  it("gives the connection back as it found it: no open transaction, not pipelined, statements prepared once", async () => {
    for (const id of ["e", "f", "g"]) await runInOneExchange([insert(id)]);
    const client = (await getPool().connect()) as pg.PoolClient & { pipeline: boolean };
    try {
      expect(client.pipeline).toBe(false);
      expect((await client.query("SELECT now() = statement_timestamp() AS fresh")).rows[0].fresh).toBe(true);
      const prepared = await client.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE $1`, [`INSERT INTO ${table}%`]);
      expect(prepared.rows[0].n).toBe(1);
    } finally {
      client.release();
    }
    expect(await count()).toBe(5);
  });
});
