import pg from "pg";
import { getDatabaseUrl } from "@/lib/config/env";

// Which node transcodes an upload: the one holding its PostgreSQL advisory lock. The locks live on
// one connection per process, so they are held for as long as the node is alive and vanish with
// it: a node that boots can tell an interrupted transcode (lock free) from one another node is
// running (lock held) without any lease or heartbeat of its own.
let connection: Promise<pg.Client> | null = null;

function lockConnection(): Promise<pg.Client> {
  connection ??= (async () => {
    const client = new pg.Client({ connectionString: getDatabaseUrl(), keepAlive: true });
    client.on("error", (error) => {
      // Its locks are gone with it; running transcodes carry on, and the next claim reconnects.
      console.error("transcode claim connection lost:", error.message);
      connection = null;
      client.end().catch(() => {});
    });
    await client.connect();
    return client;
  })().catch((error: unknown) => {
    connection = null;
    throw error;
  });
  return connection;
}

/** True when this process now holds the recording's transcode (nobody else does). */
export async function claimTranscode(recordingId: string): Promise<boolean> {
  const client = await lockConnection();
  const { rows } = await client.query<{ claimed: boolean }>("SELECT pg_try_advisory_lock(hashtext('plenary:transcode'), hashtext($1)) AS claimed", [
    recordingId,
  ]);
  return rows[0]?.claimed === true;
}

export async function releaseTranscode(recordingId: string): Promise<void> {
  const client = await connection?.catch(() => null);
  await client?.query("SELECT pg_advisory_unlock(hashtext('plenary:transcode'), hashtext($1))", [recordingId]).catch(() => {});
}

/** Shutdown: the connection (and every lock still on it) goes. */
export async function closeTranscodeClaims(): Promise<void> {
  const client = await connection?.catch(() => null);
  connection = null;
  await client?.end().catch(() => {});
}
