import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import pg from "pg";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { reconnectDelayMs } from "@/server/cluster/domain-events";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";
import { env, overrideEnv } from "@/lib/config/env";
import { GET as webHealth } from "@/app/api/health/route";
import { freePort } from "@/scripts/free-port";
import { createConference } from "../support/fixtures";
import { startTcpProxy } from "../support/tcp-proxy";
import { logger } from "@/lib/logging/logger";

type TalkStatus = { talkId: string; status: string };
// CI runs with a local Redis when it has one: then the nodes join it.
const redisState = env.REDIS_URL ? "ok" : "off";

// The realtime node's LISTEN connection goes through a proxy that can cut it: the database
// itself stays up for everything else (the node's queries, other test files).
describe("domain-event relay (LISTEN/NOTIFY) when the connection fails", () => {
  let server: RealtimeServer;
  let url: string;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let fx: Awaited<ReturnType<typeof createConference>>;
  let socket: Socket;
  const statuses: TalkStatus[] = [];
  const warnings: string[] = [];

  const healthz = async () => {
    const res = await fetch(`${url}/healthz`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; checks: Record<string, string> } };
  };
  const notify = async (payload: string) => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("SELECT pg_notify('plenary_events', $1)", [payload]);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const database = new URL(process.env.DATABASE_URL!);
    proxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
    const throughProxy = new URL(database);
    throughProxy.host = `127.0.0.1:${proxy.port}`;
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1", listenDatabaseUrl: throughProxy.toString() });
    url = `http://127.0.0.1:${server.port}`;
    fx = await createConference();
    socket = connect(url, { transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    socket.on("talk:status", (event: TalkStatus) => statuses.push(event));
    // The keynote is public: an anonymous socket may join its room.
    expect(await socket.timeout(5000).emitWithAck("talk:join", { talkId: fx.talks.keynote.id })).toMatchObject({ ok: true });
    // The node's log (pino): the message is the string argument.
    vi.spyOn(logger, "warn").mockImplementation(
      ((...args: unknown[]) => void warnings.push(args.filter((a) => typeof a === "string").join(" "))) as never,
    );
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    socket?.close();
    await server?.close();
    await proxy?.close();
  });

  it("reports database, LISTEN and Redis in /healthz", async () => {
    expect(await healthz()).toEqual({ status: 200, body: { ok: true, checks: { database: "ok", listen: "ok", redis: redisState }, sockets: 1 } });
  });

  it("logs and ignores a NOTIFY payload that is not JSON or not a domain event, and keeps relaying", async () => {
    await notify("this is not json {");
    await notify(JSON.stringify({ type: "talk:status", talkId: fx.talks.keynote.id }));
    await notify(JSON.stringify({ type: "no-such-event" }));
    await setTalkStatus({ talkId: fx.talks.keynote.id, status: "LIVE" });
    await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ talkId: fx.talks.keynote.id, status: "LIVE" }), { timeout: 20_000 });
    expect(statuses).toHaveLength(1);
    expect(warnings.filter((w) => w.startsWith("domain event ignored"))).toHaveLength(3);
    expect((await healthz()).status).toBe(200);
  });

  it("reconnects with back-off for as long as it takes, says 503 meanwhile, and re-syncs its rooms", async () => {
    proxy.down();
    await vi.waitFor(
      async () => expect(await healthz()).toMatchObject({ status: 503, body: { ok: false, checks: { listen: "down", database: "ok" } } }),
      {
        timeout: 30_000,
        interval: 100,
      },
    );
    // Published while this node cannot hear it: NOTIFY is not kept for absent listeners.
    await setTalkStatus({ talkId: fx.talks.keynote.id, status: "ENDED" });
    // Several attempts fail (a node that gives up after one would never get past this).
    await vi.waitFor(() => expect(proxy.refused()).toBeGreaterThanOrEqual(4), { timeout: 60_000, interval: 100 });
    expect((await healthz()).status).toBe(503);
    const before = statuses.length;
    proxy.up();
    // Back: the room is told the talk's current status, though the event itself was missed.
    await vi.waitFor(() => expect(statuses.slice(before)).toContainEqual(expect.objectContaining({ talkId: fx.talks.keynote.id, status: "ENDED" })), {
      timeout: 60_000,
      interval: 100,
    });
    expect(await healthz()).toMatchObject({ status: 200, body: { ok: true } });
    // And it LISTENs again: a change made now arrives as the event itself.
    const after = statuses.length;
    await setTalkStatus({ talkId: fx.talks.keynote.id, status: "LIVE" });
    await vi.waitFor(() => expect(statuses.slice(after)).toContainEqual(expect.objectContaining({ status: "LIVE" })), { timeout: 20_000 });
  });

  it("backs off exponentially to a cap, with jitter", () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(125);
    expect(reconnectDelayMs(0, () => 1)).toBe(250);
    expect(reconnectDelayMs(3, () => 1)).toBe(2000);
    expect(reconnectDelayMs(50, () => 1)).toBe(10_000);
    expect(reconnectDelayMs(50, () => 0)).toBe(5000);
  });

  it("the web app's /api/health reports its database and each realtime node it knows", async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const restore = overrideEnv({ REALTIME_INTERNAL_URL: `${url},${nobody}` });
    try {
      const degraded = await webHealth();
      expect(degraded.status).toBe(503);
      expect(await degraded.json()).toEqual({
        ok: false,
        checks: {
          database: "ok",
          realtime: [
            { url, ok: true, state: "ok", checks: { database: "ok", listen: "ok", redis: redisState } },
            { url: nobody, ok: false, state: "unreachable" },
          ],
        },
      });
      overrideEnv({ REALTIME_INTERNAL_URL: url });
      const healthy = await webHealth();
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toMatchObject({ ok: true, checks: { database: "ok", realtime: [{ url, ok: true }] } });
      proxy.down();
      await vi.waitFor(async () => expect((await webHealth()).status).toBe(503), { timeout: 30_000, interval: 100 });
      expect(await (await webHealth()).json()).toMatchObject({
        ok: false,
        checks: { realtime: [{ url, ok: false, state: "degraded", checks: { listen: "down" } }] },
      });
      proxy.up();
      await vi.waitFor(async () => expect((await webHealth()).status).toBe(200), { timeout: 60_000, interval: 100 });
    } finally {
      restore();
    }
  });
});
