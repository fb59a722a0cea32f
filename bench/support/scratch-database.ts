import path from "node:path";
import pg from "pg";
import { ensureDatabase, projectRoot } from "../../scripts/db/embedded-postgres";
import { migrateDeploy } from "../../scripts/db/migrate";

/**
 * A fresh, migrated database named `name` for one bench run, on DATABASE_URL's server or the
 * benches' embedded PostgreSQL. `db.stop()` stops an embedded server once the bench is done.
 */
export async function createScratchDatabase(name: string) {
  const db = await ensureDatabase({ dataDir: path.join(projectRoot, ".data/postgres-bench"), port: 54359, log: () => {} });
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(db.url);
  url.pathname = `/${name}`;
  await migrateDeploy(url.toString(), { stdio: "ignore" });
  return { db, url: url.toString() };
}
