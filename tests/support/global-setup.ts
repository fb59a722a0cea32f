import pg from "pg";
import { ensureDatabase } from "../../scripts/db/embedded-postgres";
import { migrateDeploy } from "../../scripts/db/migrate";

// One fresh database per test run, on DATABASE_URL's server or on the embedded PostgreSQL.
// Test files create their own conferences with unique slugs, so they can share it.
export default async function setup() {
  const server = await ensureDatabase({ dataDir: ".data/postgres-test", port: 54339 });
  const base = new URL(server.url);
  const testDb = `plenary_test`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${testDb} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${testDb}`);
  await admin.end();
  base.pathname = `/${testDb}`;
  const url = base.toString();
  await migrateDeploy(url);
  process.env.DATABASE_URL = url;
  process.env.PLENARY_TEST_SERVER_URL = server.url;
  return async () => {
    await server.stop();
  };
}
