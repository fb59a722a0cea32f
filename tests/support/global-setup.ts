import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDatabase } from "../../scripts/db/embedded-postgres";
import { migrateDeploy } from "../../scripts/db/migrate";

// A fresh database per test run (named after the process, dropped afterwards), on DATABASE_URL's
// server or on the embedded PostgreSQL. Test files create their own conferences with unique
// slugs, so they share it; concurrent runs on one server never touch each other's data.
// The environment set here is the test processes' own (they start after this, and lib/config
// reads it once); a test that needs another setting passes an option or uses overrideEnv.
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
  // Media of this run in a directory of its own; no RTMP listener unless a test asks for one on a
  // free port (1935 may be anyone's); one rendition unless a test turns the 360p one on.
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-media-test-"));
  process.env.MEDIA_DIR = mediaDir;
  process.env.RTMP_PORT = "0";
  process.env.MEDIA_LOW_RENDITION = "off";
  return async () => {
    fs.rmSync(mediaDir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${testDb} WITH (FORCE)`).catch(() => {});
    await server.stop();
  };
}
