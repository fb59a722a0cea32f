import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { env, overrideEnv } from "@/lib/config/env";
import { parseMediaPlaylist } from "@/lib/media/hls-playlist";
import { prisma } from "@/lib/db/client";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { ensureDatabase, type EnsuredDatabase } from "@/scripts/db/embedded-postgres";
import { migrateDeploy } from "@/scripts/db/migrate";
import { freePort } from "@/scripts/free-port";
import { connectClient, createLiveTalkSetup, emitAck, readPlaylist, startWebmFeeder, waitFor } from "../media/support/media-fixtures";

// PostgreSQL goes away for 10 s under a live talk and an open chat, then comes back. This file runs
// on a PostgreSQL of its own (embedded, on a free port), so stopping it disturbs no other test.
const OUTAGE_MS = 10_000;

type Ack = { ok: boolean; error?: { code: string; message: string }; message?: { id: string; body: string } };

describe("a realtime node when PostgreSQL stops for 10 s", () => {
  let dataDir: string;
  let pgPort: number;
  let database: EnsuredDatabase;
  let restoreEnv: () => void;
  let server: RealtimeServer;
  const sockets: Socket[] = [];
  const startDatabase = () => ensureDatabase({ dataDir, port: pgPort, databaseUrl: null, log: () => {} });

  beforeAll(async () => {
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plenary-outage-")), "postgres");
    fs.chmodSync(path.dirname(dataDir), 0o755);
    pgPort = await freePort();
    database = await startDatabase();
    await migrateDeploy(database.url, { stdio: "ignore" });
    // Everything in this process (the server under test and the fixtures) on that database.
    restoreEnv = overrideEnv({ DATABASE_URL: database.url });
    (globalThis as { plenaryPrisma?: unknown }).plenaryPrisma = undefined;
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await prisma.$disconnect().catch(() => {});
    (globalThis as { plenaryPrisma?: unknown }).plenaryPrisma = undefined;
    restoreEnv?.();
    await database?.stop();
    if (dataDir) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  const client = async (cookie?: string) => {
    const socket = await connectClient(server.port, cookie);
    sockets.push(socket);
    return socket;
  };
  const healthz = async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; checks: Record<string, string> } };
  };

  it("recovers on its own: health goes 503 then 200, chat errors clearly during the outage and loses nothing acked, events flow again, the talk stays live", async () => {
    const { conference, talk, otherTalk, speaker, attendee } = await createLiveTalkSetup();
    // Enough chat for the test without meeting the rate limit.
    await prisma.conference.update({ where: { id: conference.id }, data: { chatBurst: 200, chatIntervalMs: 100 } });

    const viewer = await client(attendee.cookie);
    expect(await emitAck(viewer, "talk:join", { talkId: talk.id })).toMatchObject({ ok: true });
    expect(await emitAck(viewer, "talk:join", { talkId: otherTalk.id })).toMatchObject({ ok: true });
    expect(await emitAck(viewer, "chat:join", { room: { talkId: talk.id } })).toMatchObject({ ok: true, canChat: true });
    const statuses: { talkId: string; status: string }[] = [];
    viewer.on("talk:status", (event: { talkId: string; status: string }) => statuses.push(event));

    // The speaker goes live from the browser studio (WebM chunks as MediaRecorder sends them).
    const studio = await client(speaker.cookie);
    expect(await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({ ok: true });
    const chunkAcks: Ack[] = [];
    const feeder = startWebmFeeder({
      seconds: 600,
      codec: "h264",
      size: "320x180",
      rate: 15,
      onChunk: async (data, seq) => {
        // A loaded machine may answer late (the client gives up): only the server's own answers count.
        const ack = await emitAck<Ack>(studio, "media:chunk", { talkId: talk.id, seq, data }).catch(() => null);
        if (ack) chunkAcks.push(ack);
      },
    });
    try {
      await waitFor(async () => statuses.some((s) => s.talkId === talk.id && s.status === "LIVE"), 120_000);
      const playlistPath = await waitFor(async () => {
        const ack = await emitAck(viewer, "media:watch", { talkId: talk.id });
        return ack.ok && ack.media.playlistPath ? (ack.media.playlistPath as string).replace("master.m3u8", "v0/index.m3u8") : null;
      }, 60_000);
      // What the ingest has published (storage itself: serving it to a viewer checks their session in the database).
      const segmentsNow = async () => {
        const file = path.join(env.MEDIA_DIR, ...playlistPath.replace(/^\/media\//, "").split("/"));
        return fs.existsSync(file) ? parseMediaPlaylist(fs.readFileSync(file, "utf8")).segments.length : 0;
      };
      const segmentsServed = async () => (await readPlaylist(server.port, playlistPath, attendee.cookie))?.segments.length ?? 0;

      const acked: string[] = [];
      const say = async (body: string) => {
        const ack = await emitAck<Ack>(viewer, "chat:send", { room: { talkId: talk.id }, body });
        if (ack.ok) acked.push(body);
        return ack;
      };
      for (const n of [1, 2, 3]) expect(await say(`before ${n}`)).toMatchObject({ ok: true });
      expect((await healthz()).status).toBe(200);

      // PostgreSQL stops.
      await database.stop();
      const segmentsAtOutage = await segmentsNow();
      const degraded = await waitFor(async () => {
        const health = await healthz();
        return health.status === 503 && health.body.checks.database === "down" && health.body.checks.listen === "down" ? health : null;
      }, 60_000);
      expect(degraded.body.ok).toBe(false);
      // Chat during the outage: every message gets an answer, a clear error (not lost, not a crash).
      const duringOutage: Ack[] = [];
      const outageEnds = Date.now() + OUTAGE_MS;
      for (let n = 1; Date.now() < outageEnds; n++) {
        duringOutage.push(await say(`during ${n}`));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(duringOutage.length).toBeGreaterThan(3);
      for (const ack of duringOutage) {
        expect(ack).toMatchObject({ ok: false, error: { code: "UNAVAILABLE", message: expect.stringMatching(/try again/) } });
      }
      // The live talk does not wait for the database: its playlist keeps growing.
      await waitFor(async () => (await segmentsNow()) > segmentsAtOutage, 60_000);

      // PostgreSQL is back (same port, same data).
      database = await startDatabase();
      await waitFor(async () => (await healthz()).status === 200, 120_000);
      expect((await healthz()).body).toMatchObject({ ok: true, checks: { database: "ok", listen: "ok" } });

      // Chat works again, and every message that was acked ok is stored.
      for (const n of [1, 2, 3]) expect(await say(`after ${n}`)).toMatchObject({ ok: true });
      const stored = await prisma.chatMessage.findMany({ where: { talkId: talk.id }, select: { body: true } });
      expect(stored.map((m) => m.body).sort()).toEqual([...acked].sort());
      expect(acked).toEqual(["before 1", "before 2", "before 3", "after 1", "after 2", "after 3"]);

      // The domain-event relay listens again: a status change made now reaches the page.
      await setTalkStatus({ talkId: otherTalk.id, status: "LIVE" });
      await waitFor(async () => statuses.some((s) => s.talkId === otherTalk.id && s.status === "LIVE"), 60_000);

      // Viewers get the playlist again, grown past where it was when the database stopped.
      await waitFor(async () => (await segmentsServed()) > segmentsAtOutage, 60_000);
      // The talk is still live and its media timeline has no hole: every listed segment has its row.
      expect(await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).toMatchObject({ status: "LIVE" });
      const listed = await segmentsNow();
      await waitFor(async () => {
        const recording = await prisma.recording.findUniqueOrThrow({
          where: { talkId: talk.id },
          include: { segments: { select: { sequence: true } } },
        });
        const sequences = recording.segments.map((s) => s.sequence).sort((a, b) => a - b);
        return sequences.length >= listed && sequences.every((sequence, i) => sequence === i);
      }, 60_000);
      expect(chunkAcks.length).toBeGreaterThan(0);
      expect(chunkAcks.filter((ack) => !ack.ok)).toEqual([]);
    } finally {
      feeder.stop();
    }
  }, 600_000);
});
