import path from "node:path";
import pg from "pg";
import { ensureDatabase, projectRoot } from "../../scripts/db/embedded-postgres";
import { e2eDatabaseName } from "../support/e2e-database-name";

/**
 * The database the e2e app runs on (see e2e/support/serve.ts: e2eDatabaseName() on DATABASE_URL's
 * server or on the embedded PostgreSQL it started, which this reuses and leaves running).
 * Used only to lay down data no page can create, such as chat already on a media timeline.
 */
export async function e2eDatabase(): Promise<pg.Client> {
  const server = await ensureDatabase({ dataDir: path.join(projectRoot, ".data/postgres-e2e"), port: 54349, log: () => {} });
  const url = new URL(server.url);
  url.pathname = `/${e2eDatabaseName()}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}
