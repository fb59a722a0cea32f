import pg from "pg";
import { getDatabaseUrl } from "@/lib/config/env";

// Which realtime node ingests a live talk: the one holding the talk's PostgreSQL advisory lock.
// The locks live on one dedicated connection per process, so they last exactly as long as that
// connection: a node that exits or crashes lets go at once, and one that vanishes from the
// network is dropped by PostgreSQL's TCP keepalive (set short below) within about 15 s. No TTL to
// renew, and it works with or without Redis (see ARCHITECTURE.md, "One ingest per talk").
const LOCK_SPACE = "plenary:ingest";

let connection: Promise<pg.Client> | null = null;
let current: pg.Client | null = null;
const held = new Set<string>();
const lostListeners = new Set<(talkIds: string[]) => void>();

function leaseConnection(): Promise<pg.Client> {
  connection ??= (async () => {
    const client = new pg.Client({
      connectionString: getDatabaseUrl(),
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      connectionTimeoutMillis: 10_000,
    });
    const lost = (reason: string) => {
      if (current !== client) return; // error and end both fire
      current = null;
      connection = null;
      client.end().catch(() => {});
      // Every lock went with the connection: the ingests decide whether to take theirs back.
      const talkIds = [...held];
      held.clear();
      if (talkIds.length) console.error(`ingest lease connection lost (${reason}): ${talkIds.length} lease(s) to take back`);
      for (const listener of lostListeners) listener(talkIds);
    };
    client.on("error", (error) => lost(error.message));
    client.on("end", () => lost("connection ended"));
    await client.connect();
    // PostgreSQL's side of "this node is gone": without these, a silent peer keeps its locks for
    // the OS default of two hours. Ignored on a Unix socket; tcp_user_timeout is PostgreSQL 12+.
    await client.query("SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3");
    await client.query("SET tcp_user_timeout = 10000").catch(() => {});
    current = client;
    return client;
  })().catch((error: unknown) => {
    connection = null;
    throw error;
  });
  return connection;
}

/** True when this process now ingests the talk (it already did, or nobody did). Throws when PostgreSQL cannot be reached. */
export async function takeIngestLease(talkId: string): Promise<boolean> {
  if (held.has(talkId)) return true;
  const client = await leaseConnection();
  const { rows } = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS taken", [LOCK_SPACE, talkId]);
  const taken = rows[0]?.taken === true;
  // Session locks count: take each talk's lock once, so one unlock frees it.
  if (taken && held.has(talkId)) await client.query("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", [LOCK_SPACE, talkId]);
  if (taken) held.add(talkId);
  return taken;
}

export function holdsIngestLease(talkId: string): boolean {
  return held.has(talkId);
}

export async function releaseIngestLease(talkId: string): Promise<void> {
  if (!held.delete(talkId)) return;
  const client = await connection?.catch(() => null);
  await client?.query("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", [LOCK_SPACE, talkId]).catch(() => {});
}

/** The lease connection dropped: the talks listed are no longer held by this node. */
export function onIngestLeasesLost(listener: (talkIds: string[]) => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

/** Shutdown: the connection (and every lease still on it) goes. */
export async function closeIngestLeases(): Promise<void> {
  const client = await connection?.catch(() => null);
  current = null;
  connection = null;
  held.clear();
  await client?.end().catch(() => {});
}
