import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { ViewerMinuteBuffer } from "@/server/analytics/viewer-minute-buffer";
import { createConference } from "../support/fixtures";
import { startTcpProxy } from "../support/tcp-proxy";

// A node's viewer-minutes between flushes: PostgreSQL reached through a proxy that can cut the
// line, and read back on a direct connection.

const T0 = Date.UTC(2026, 5, 1, 10, 0, 0);
type Client = { plenaryPrisma?: { $disconnect(): Promise<void> } };

describe("a node's viewer-minute buffer", () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let direct: pg.Client;
  let restoreEnv: () => void;
  let talkId: string;

  const stored = async () => (await direct.query<{ n: string }>(`SELECT count(*) AS n FROM "ViewerMinute" WHERE "talkId" = $1`, [talkId])).rows[0].n;

  beforeAll(async () => {
    const fx = await createConference();
    talkId = fx.talks.keynote.id;
    direct = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await direct.connect();
    const database = new URL(process.env.DATABASE_URL!);
    proxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
    const throughProxy = new URL(database);
    throughProxy.host = `127.0.0.1:${proxy.port}`;
    // This process's Prisma client, the buffer's, goes through the proxy from here on.
    await prisma.$disconnect();
    (globalThis as Client).plenaryPrisma = undefined;
    restoreEnv = overrideEnv({ DATABASE_URL: throughProxy.toString() });
  });
  afterAll(async () => {
    await (globalThis as Client).plenaryPrisma?.$disconnect().catch(() => {});
    (globalThis as Client).plenaryPrisma = undefined;
    restoreEnv?.();
    await direct?.end();
    await proxy?.close();
  });

  it("keeps what it gathered while PostgreSQL is unreachable and writes it once it is back, each minute once", async () => {
    const buffer = new ViewerMinuteBuffer({ flushIntervalMs: 3_600_000 });
    // Two heartbeats of one viewer in one minute are one viewer-minute.
    buffer.add({ talkId, mode: "LIVE", viewerKey: "u:ada", at: T0 + 5_000 });
    buffer.add({ talkId, mode: "LIVE", viewerKey: "u:ada", at: T0 + 35_000 });
    buffer.add({ talkId, mode: "LIVE", viewerKey: "u:bob", at: T0 + 59_999 });
    buffer.add({ talkId, mode: "LIVE", viewerKey: "u:bob", at: T0 + 60_000 });

    proxy.down();
    await buffer.flush(); // logged, not thrown: the node carries on
    expect(await stored()).toBe("0");

    proxy.up();
    await buffer.flush();
    expect(await stored()).toBe("3");
    // The same minute gathered again (another node, a retried flush) adds nothing.
    buffer.add({ talkId, mode: "LIVE", viewerKey: "u:ada", at: T0 + 50_000 });
    await buffer.flush();
    expect(await stored()).toBe("3");
    await buffer.close();
  });

  it("writes thousands of viewers in one flush", async () => {
    const buffer = new ViewerMinuteBuffer({ flushIntervalMs: 3_600_000 });
    for (let i = 0; i < 5_000; i++) buffer.add({ talkId, mode: "REPLAY", viewerKey: `a:viewer-${i}`, at: T0 + 120_000 });
    await buffer.close();
    const { rows } = await direct.query<{ n: string }>(`SELECT count(*) AS n FROM "ViewerMinute" WHERE "talkId" = $1 AND "mode" = 'REPLAY'`, [
      talkId,
    ]);
    expect(rows[0].n).toBe("5000");
  });
});
