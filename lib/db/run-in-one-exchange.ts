import { createHash } from "node:crypto";
import type pg from "pg";
import { getPool } from "./client";

export type Statement = { text: string; values?: unknown[] };

/** What PostgreSQL answered to each statement, in order: its rows, or the error it raised. */
export type ExchangeOutcome = PromiseSettledResult<pg.QueryResult>;

/** The driver's parts this file steers (pg 8.23): pipeline mode is a client option, the socket its stream. */
type PipelinedClient = pg.PoolClient & { pipeline: boolean; connection: { stream?: { cork?(): void; uncork?(): void } } };

/**
 * Runs statements as ONE transaction in one exchange with PostgreSQL: BEGIN, the statements and
 * COMMIT are written to the socket together (pg's pipeline mode, one corked write) and the server
 * runs them back to back. Nothing waits on our process between the first statement and COMMIT, so
 * a row lock a statement takes is held for that statement and the commit, never for a round trip
 * to a busy Node process. If a statement fails, the transaction is aborted: the statements after
 * it fail too and COMMIT rolls everything back (PostgreSQL answers it with ROLLBACK).
 *
 * Each statement is prepared once per connection (named by its text), so a rush does not parse
 * and plan the same statement again for every attendee.
 */
export async function runInOneExchange(statements: Statement[]): Promise<ExchangeOutcome[]> {
  const client = (await getPool().connect()) as PipelinedClient;
  let broken: Error | undefined;
  try {
    client.pipeline = true;
    const stream = client.connection.stream;
    stream?.cork?.();
    let sent: Promise<pg.QueryResult>[];
    try {
      sent = [
        client.query("BEGIN"),
        ...statements.map((s) => client.query({ name: statementName(s.text), text: s.text, values: s.values })),
        client.query("COMMIT"),
      ];
    } finally {
      stream?.uncork?.();
    }
    const [begun, ...rest] = await Promise.allSettled(sent);
    const committed = rest.pop()!;
    // BEGIN or COMMIT failing is the connection failing (a statement's error aborts, COMMIT then
    // answers ROLLBACK): the client must not go back to the pool.
    for (const step of [begun, committed]) if (step.status === "rejected") throw (broken = step.reason);
    return rest;
  } finally {
    client.pipeline = false;
    client.release(broken);
  }
}

const names = new Map<string, string>();

/** A stable name per statement text: pg prepares a named statement once per connection. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `plenary_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    // The texts are a handful of shapes; bounded anyway so a bug cannot grow it forever.
    if (names.size < 256) names.set(text, name);
  }
  return name;
}
