import { createHmac, randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { ensureDatabase } from "../../scripts/db/embedded-postgres";
import { migrateDeploy } from "../../scripts/db/migrate";

/** A better-auth session cookie, signed as the app signs it (the benches skip sign-in: scrypt for thousands of accounts takes minutes). */
export function signedCookie(token: string, authSecret: string): string {
  const signature = createHmac("sha256", authSecret).update(token).digest("base64");
  return `better-auth.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

/**
 * The audience of a chat benchmark: a scratch database (DATABASE_URL's server or the embedded
 * one), migrated, with a conference whose public keynote is live (any account may chat there),
 * and `accounts` accounts with sessions, written straight to the database.
 */
export async function prepareChatAudience(options: { databaseName: string; accounts: number; authSecret: string; log: (line: string) => void }) {
  // 1. Database.
  const db = await ensureDatabase();
  const dbName = options.databaseName;
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(db.url);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  await migrateDeploy(databaseUrl, { stdio: "ignore" });
  options.log(`database ready (${db.embedded ? "embedded" : "DATABASE_URL"})`);

  // 2. A conference with a public keynote (any account may chat there) and the accounts.
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const conferenceId = `bench-${randomUUID()}`;
  const talkId = `bench-talk-${randomUUID()}`;
  const stageId = `bench-stage-${randomUUID()}`;
  await sql.query(
    `INSERT INTO "Conference" (id, slug, name, "timeZone", "startsOn", "endsOn", "updatedAt") VALUES ($1, 'bench', 'Bench', 'UTC', now(), now(), now())`,
    [conferenceId],
  );
  await sql.query(`INSERT INTO "Stage" (id, "conferenceId", slug, name, position) VALUES ($1, $2, 'main', 'Main', 0)`, [stageId, conferenceId]);
  await sql.query(
    `INSERT INTO "Talk" (id, "conferenceId", slug, title, kind, "startsAt", "endsAt", "stageId", status, "isPublic", "streamKey", "updatedAt")
   VALUES ($1, $2, 'keynote', 'Keynote', 'KEYNOTE', now(), now() + interval '1 hour', $3, 'LIVE', true, $4, now())`,
    [talkId, conferenceId, stageId, randomUUID()],
  );
  const accounts = options.accounts;
  const cookies: string[] = [];
  for (let offset = 0; offset < accounts; offset += 1000) {
    const users: string[] = [];
    const params: unknown[] = [];
    const sessions: string[] = [];
    const sparams: unknown[] = [];
    for (let i = offset; i < Math.min(accounts, offset + 1000); i++) {
      const id = `bench-user-${i}`;
      const token = randomBytes(24).toString("base64url");
      cookies.push(signedCookie(token, options.authSecret));
      params.push(id, `Attendee ${i}`, `attendee${i}@bench.test`);
      users.push(`($${params.length - 2}, $${params.length - 1}, $${params.length}, true, now(), now())`);
      sparams.push(`bench-session-${i}`, token, id);
      // As a sign-in makes them (lib/auth/auth.ts: 30 days): one that looks older than a day is
      // refreshed — a write — at its first lookup, 2,000 UPDATEs in the connect storm.
      sessions.push(`($${sparams.length - 2}, now() + interval '30 days', $${sparams.length - 1}, now(), now(), $${sparams.length})`);
    }
    await sql.query(`INSERT INTO "user" (id, name, email, "emailVerified", "createdAt", "updatedAt") VALUES ${users.join(",")}`, params);
    await sql.query(`INSERT INTO "session" (id, "expiresAt", token, "createdAt", "updatedAt", "userId") VALUES ${sessions.join(",")}`, sparams);
  }
  // Statistics and visibility maps now, not by autovacuum in the middle of the first measured run
  // (a real audience's rows arrive over weeks, not 10,000 in a second).
  await sql.query("VACUUM ANALYZE");
  await sql.end();
  options.log(`${accounts} accounts with sessions`);
  return { db, databaseUrl, talkId, cookies };
}
