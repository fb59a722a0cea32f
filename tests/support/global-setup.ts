import pg from "pg";
import { ensureDatabase } from "../../scripts/db/embedded-postgres";
import { migrateDeploy } from "../../scripts/db/migrate";

// A fresh database per test run (named after the process, dropped afterwards), on DATABASE_URL's
// server or on the embedded PostgreSQL. Test files create their own conferences with unique
// slugs, so they share it; concurrent runs on one server never touch each other's data.
export default async function setup() {
  const server = await ensureDatabase({ dataDir: ".data/postgres-test", port: 54339 });
  const testDb = `plenary_test_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${testDb} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${testDb}`);
  const url = new URL(server.url);
  url.pathname = `/${testDb}`;
  await migrateDeploy(url.toString(), { stdio: "ignore" });
  process.env.DATABASE_URL = url.toString();
  process.env.PLENARY_TEST_SERVER_URL = server.url;
  return async () => {
    await admin(`DROP DATABASE IF EXISTS ${testDb} WITH (FORCE)`).catch(() => {});
    await server.stop();
  };
}
