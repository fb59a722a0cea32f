import pg from "pg";
import { ensureDatabase } from "../../scripts/db/embedded-postgres";
import { migrateDeploy } from "../../scripts/db/migrate";

// tests/support/global-setup.ts with its own database name: see vitest.config.ts beside.
export default async function setup() {
  const server = await ensureDatabase({ dataDir: ".data/postgres-test", port: 54339 });
  const testDb = "plenary_test_chat";
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${testDb} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${testDb}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${testDb}`;
  await migrateDeploy(url.toString(), { stdio: "ignore" });
  process.env.DATABASE_URL = url.toString();
  return async () => {
    await server.stop();
  };
}
