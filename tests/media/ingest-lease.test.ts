import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import pg from "pg";
import { getDatabaseUrl } from "@/lib/config/env";
import { recoverLiveTimeline } from "@/lib/media/recover-live-timeline";
import { configureIngestRegistry } from "@/server/media/ingest/ingest-registry";
import { startRealtimeServer } from "@/server/realtime-server";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { freePorts } from "../../scripts/free-port";
import { startProxy } from "../chat/support/cluster";
import { connectClient, createLiveTalkSetup, emitAck, readPlaylist, startWebmFeeder, waitFor } from "./support/media-fixtures";

// Two realtime processes on the same PostgreSQL, Redis and media directory, as behind a load
// balancer that sent the speaker's browser to node A and their OBS to node B.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

type Node = { child: ChildProcess; port: number; rtmpPort: number };
const nodes: Node[] = [];
const sockets: Socket[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of children) c.kill("SIGKILL");
  await Promise.all(
    nodes.map(
      (node) =>
        new Promise<void>((resolve) => {
          if (node.child.exitCode !== null || node.child.signalCode !== null) return resolve();
          node.child.once("exit", () => resolve());
          node.child.kill("SIGTERM");
          setTimeout(() => node.child.kill("SIGKILL"), 10_000).unref();
        }),
    ),
  );
});

function startNode(rtmpPort: number): Promise<Node> {
  // `node --import tsx` (not the tsx CLI, which forks): SIGKILL must hit the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "support/media-node.ts"), String(rtmpPort)], {
    env: { ...process.env, REDIS_URL, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith('{"port"'));
      if (line) {
        const node = { child, port: JSON.parse(line).port as number, rtmpPort };
        nodes.push(node);
        resolve(node);
      }
    });
    child.once("exit", (code) => reject(new Error(`node exited early (${code})`)));
    setTimeout(() => reject(new Error("node did not start")), 150_000);
  });
}

async function startNodes(): Promise<[Node, Node]> {
  const [rtmpA, rtmpB] = await freePorts(2);
  return Promise.all([startNode(rtmpA!), startNode(rtmpB!)]);
}

/** OBS stood in for by ffmpeg: H.264 + AAC over RTMP at real-time pace. */
function pushRtmp(rtmpPort: number, streamKey: string, seconds: number) {
  const child = spawn(
    getFfmpegPath(),
    [
      ...["-hide_banner", "-loglevel", "error", "-re"],
      ...["-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"],
      ...["-t", String(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p"],
      ...["-c:a", "aac", "-b:a", "64k", "-f", "flv", `rtmp://127.0.0.1:${rtmpPort}/live/${streamKey}`],
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { exited, child };
}

/** Every segment file of the recording, by path, with the inode it was first seen with: a rewrite (rename over it) changes the inode. */
function watchSegmentFiles(dir: string) {
  const seen = new Map<string, number>();
  const rewritten: string[] = [];
  const scan = () => {
    if (!fs.existsSync(dir)) return;
    for (const rendition of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!rendition.isDirectory()) continue;
      for (const name of fs.readdirSync(path.join(dir, rendition.name))) {
        if (!name.endsWith(".ts")) continue;
        const file = path.join(rendition.name, name);
        let ino: number;
        try {
          ino = fs.statSync(path.join(dir, file)).ino;
        } catch {
          continue;
        }
        const first = seen.get(file);
        if (first === undefined) seen.set(file, ino);
        else if (first !== ino && !rewritten.includes(file)) rewritten.push(file);
      }
    }
  };
  const timer = setInterval(scan, 50);
  return {
    seen,
    rewritten,
    stop: () => {
      clearInterval(timer);
      scan();
    },
  };
}

describe("one ingest per talk across realtime nodes", () => {
  it("refuses a second publisher on another node, keeps one timeline, and lets that node take over when the first dies", async () => {
    const [nodeA, nodeB] = await startNodes();
    const { talk, speaker, attendee } = await createLiveTalkSetup();

    // The speaker's browser studio publishes through node A.
    const studioA = await connectClient(nodeA.port, speaker.cookie);
    sockets.push(studioA);
    expect(await emitAck(studioA, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({ ok: true });
    const feeder = startWebmFeeder({
      seconds: 60,
      codec: "h264",
      size: "320x180",
      onChunk: async (data, seq) => {
        if (studioA.connected) await emitAck(studioA, "media:chunk", { talkId: talk.id, seq, data }, 5_000).catch(() => {});
      },
    });
    children.push(feeder.process);

    const viewer = await connectClient(nodeB.port, attendee.cookie);
    sockets.push(viewer);
    const masterPath = await waitFor(async () => {
      const ack = await emitAck(viewer, "media:watch", { talkId: talk.id });
      return ack.ok && ack.media.playlistPath ? (ack.media.playlistPath as string) : null;
    }, 60_000);
    const mediaPath = masterPath.replace("master.m3u8", "v0/index.m3u8");
    const recording = await prisma.recording.findUniqueOrThrow({ where: { talkId: talk.id } });
    const files = watchSegmentFiles(path.resolve(env.MEDIA_DIR, recording.storagePrefix));

    // Every read of the playlist (from either node) extends the previous one: nothing listed goes or moves.
    const reads: string[][] = [];
    const readBoth = async () => {
      for (const node of [nodeA, nodeB]) {
        if (node.child.exitCode !== null || node.child.signalCode !== null) continue;
        const playlist = await readPlaylist(node.port, mediaPath, attendee.cookie);
        if (playlist) reads.push(playlist.segments.map((s) => s.uri.split("?")[0]!));
      }
    };
    await waitFor(async () => {
      await readBoth();
      return (reads.at(-1)?.length ?? 0) >= 2;
    }, 60_000);

    // A second studio on node B (another device of the speaker) is refused with a clear reason...
    const studioB = await connectClient(nodeB.port, speaker.cookie);
    sockets.push(studioB);
    const refused = await emitAck(studioB, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() });
    expect(refused).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(refused.error.message).toMatch(/another device or server/);
    // ...and so is OBS pushing to node B: the encoder is turned away before any media is taken.
    const obs = pushRtmp(nodeB.rtmpPort, talk.streamKey, 20);
    expect(await obs.exited).not.toBe(0);
    await readBoth();
    const beforeTakeover = reads.at(-1)!.length;
    expect(beforeTakeover).toBeGreaterThanOrEqual(2);

    // Node A dies (no goodbye): its PostgreSQL connection closes and the lease with it.
    nodeA.child.kill("SIGKILL");
    feeder.stop();
    await new Promise((resolve) => nodeA.child.once("exit", resolve));

    // OBS on node B may now take the talk over: its segments continue the same timeline.
    const takeover = pushRtmp(nodeB.rtmpPort, talk.streamKey, 30);
    await waitFor(
      async () => {
        await readBoth();
        return reads.at(-1)!.length >= beforeTakeover + 3;
      },
      60_000,
      200,
    );
    takeover.child.kill("SIGKILL");
    const final = await readPlaylist(nodeB.port, mediaPath, attendee.cookie);
    files.stop();

    // One timeline: each read is a prefix of the next; the takeover starts after a discontinuity.
    for (let i = 1; i < reads.length; i++) expect(reads[i]!.slice(0, reads[i - 1]!.length)).toEqual(reads[i - 1]);
    const discontinuities = final!.segments.map((s, i) => (s.discontinuity ? i : -1)).filter((i) => i >= 0);
    expect(discontinuities.length).toBeGreaterThanOrEqual(1);
    expect(discontinuities.at(-1)!).toBeGreaterThanOrEqual(beforeTakeover);
    const uris = final!.segments.map((s) => s.uri.split("?")[0]);
    expect(new Set(uris).size).toBe(uris.length);
    // No segment file was ever written twice, and every listed one exists.
    expect(files.rewritten).toEqual([]);
    for (const uri of uris) expect(files.seen.has(path.join("v0", uri!))).toBe(true);
    const rows = await prisma.recordingSegment.findMany({ where: { recordingId: recording.id }, orderBy: { sequence: "asc" } });
    expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i));
  }, 240_000);

  it("hands the talk over at once when its publisher left the first node, and End talk on that node is done by the new one", async () => {
    const [nodeA, nodeB] = await startNodes();
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const studioA = await connectClient(nodeA.port, speaker.cookie);
    sockets.push(studioA);
    expect(await emitAck(studioA, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({ ok: true });
    const feeder = startWebmFeeder({
      seconds: 60,
      codec: "h264",
      size: "320x180",
      onChunk: async (data, seq) => {
        if (studioA.connected) await emitAck(studioA, "media:chunk", { talkId: talk.id, seq, data }, 5_000).catch(() => {});
      },
    });
    children.push(feeder.process);
    await waitFor(async () => (await prisma.recordingSegment.count({ where: { recording: { talkId: talk.id } } })) >= 2, 60_000);

    // The speaker closes the browser studio on node A (node A keeps running) and starts OBS, which lands on node B.
    feeder.stop();
    studioA.disconnect();
    const obs = pushRtmp(nodeB.rtmpPort, talk.streamKey, 40);
    const before = await prisma.recordingSegment.count({ where: { recording: { talkId: talk.id } } });
    await waitFor(async () => (await prisma.recordingSegment.count({ where: { recording: { talkId: talk.id } } })) >= before + 2, 60_000);

    // "End talk" pressed in a studio connected to node A, which no longer ingests the talk.
    const studio = await connectClient(nodeA.port, speaker.cookie);
    sockets.push(studio);
    expect(await emitAck(studio, "media:end", { talkId: talk.id }, 30_000)).toMatchObject({ ok: true });
    await obs.exited;
    const viewer = await connectClient(nodeA.port, attendee.cookie);
    sockets.push(viewer);
    const media = (await emitAck(viewer, "media:watch", { talkId: talk.id })).media;
    expect(media).toMatchObject({ status: "ENDED", recordingStatus: "ENDED" });
    const replay = await readPlaylist(nodeA.port, media.playlistPath.replace("master.m3u8", "v0/index.m3u8"), attendee.cookie);
    expect(replay!.ended).toBe(true);
    expect(replay!.segments.length).toBeGreaterThanOrEqual(before + 2);
    expect(replay!.segments.filter((s) => s.discontinuity).length).toBeGreaterThanOrEqual(1);
    expect((await prisma.recording.findUniqueOrThrow({ where: { talkId: talk.id } })).durationMs).toBeGreaterThan(0);
  }, 240_000);
});

describe("a realtime node replaced while it ingests a talk (SIGTERM)", () => {
  it("lets the talk go; the studio reconnects through the balancer to the other node and the talk goes on after a discontinuity", async () => {
    const [nodeA, nodeB] = await startNodes();
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    // The balancer: node A while it accepts connections, else node B (a draining node stops listening).
    const proxy = await startProxy(() => [nodeA.port, nodeB.port]);
    const studio = await connectClient(proxy.port, speaker.cookie);
    sockets.push(studio);
    const streamId = crypto.randomUUID();
    expect(await emitAck(studio, "media:publish", { talkId: talk.id, streamId })).toMatchObject({ ok: true, resumed: false });

    // What the studio does (use-broadcast.ts): chunks while published; after a reconnect it
    // announces the same stream, and a server that never saw it gets a new recording (header first).
    let published = true;
    const feed = () =>
      startWebmFeeder({
        seconds: 90,
        codec: "h264",
        size: "320x180",
        onChunk: async (data, seq) => {
          if (studio.connected && published) await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data }, 5_000).catch(() => {});
        },
      });
    let feeder = feed();
    children.push(feeder.process);
    const reconnects: { ok: boolean; resumed?: boolean }[] = [];
    studio.on("disconnect", () => (published = false));
    studio.io.on("reconnect", async () => {
      const ack = await emitAck(studio, "media:publish", { talkId: talk.id, streamId });
      reconnects.push(ack);
      if (!ack.ok) return;
      if (!ack.resumed) {
        feeder.stop();
        feeder = feed();
        children.push(feeder.process);
      }
      published = true;
    });

    const segments = () => prisma.recordingSegment.count({ where: { recording: { talkId: talk.id } } });
    await waitFor(async () => (await segments()) >= 3, 60_000);
    const exited = new Promise<number | null>((resolve) => nodeA.child.once("exit", (code) => resolve(code)));
    nodeA.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const before = await segments();

    // Back through the balancer on node B, as a new recording of the same live talk.
    await waitFor(async () => reconnects.length > 0 || null, 30_000);
    expect(reconnects[0]).toMatchObject({ ok: true, resumed: false });
    await waitFor(async () => (await segments()) >= before + 3, 90_000);
    feeder.stop();

    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("LIVE");
    const viewer = await connectClient(nodeB.port, attendee.cookie);
    sockets.push(viewer);
    const media = (await emitAck(viewer, "media:watch", { talkId: talk.id })).media;
    const playlist = await readPlaylist(nodeB.port, media.playlistPath.replace("master.m3u8", "v0/index.m3u8"), attendee.cookie);
    const uris = playlist!.segments.map((s) => s.uri.split("?")[0]);
    expect(new Set(uris).size).toBe(uris.length);
    expect(uris.length).toBeGreaterThanOrEqual(before + 3);
    const gaps = playlist!.segments.map((s, i) => (s.discontinuity ? i : -1)).filter((i) => i >= 0);
    expect(gaps.some((i) => i >= before - 1)).toBe(true);
    const rows = await prisma.recordingSegment.findMany({ where: { recording: { talkId: talk.id } }, orderBy: { sequence: "asc" } });
    expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i));
    proxy.close();
  }, 300_000);
});

describe("taking over a live recording", () => {
  it("first gives rows to segments the previous node listed but did not record in the timeline, so their names are not reused", async () => {
    const { talk } = await createLiveTalkSetup();
    const startedAt = new Date("2026-12-01T10:00:00.000Z");
    const recording = await prisma.recording.create({
      data: {
        talkId: talk.id,
        source: "BROWSER",
        status: "LIVE",
        startedAt,
        storagePrefix: `talks/${talk.id}/${crypto.randomBytes(8).toString("hex")}`,
      },
    });
    await prisma.recordingSegment.create({
      data: { recordingId: recording.id, sequence: 0, uri: "000000.ts", startedAt, offsetMs: 0, durationMs: 1000 },
    });
    // The playlist went out with three segments; the node died before the last two rows.
    const at = (ms: number) => new Date(startedAt.getTime() + ms).toISOString();
    const playlist = [
      "#EXTM3U",
      "#EXT-X-VERSION:3",
      "#EXT-X-TARGETDURATION:2",
      "#EXT-X-PLAYLIST-TYPE:EVENT",
      `#EXT-X-PROGRAM-DATE-TIME:${at(0)}`,
      "#EXTINF:1.000,",
      "000000.ts",
      `#EXT-X-PROGRAM-DATE-TIME:${at(1000)}`,
      "#EXTINF:1.500,",
      "000001.ts",
      "#EXT-X-DISCONTINUITY",
      `#EXT-X-PROGRAM-DATE-TIME:${at(9000)}`,
      "#EXTINF:0.800,",
      "000002.ts",
      "",
    ].join("\n");
    await getMediaStorage().putText(`${recording.storagePrefix}/v0/index.m3u8`, playlist);

    expect(await recoverLiveTimeline({ recordingId: recording.id })).toBe(2);
    const rows = await prisma.recordingSegment.findMany({ where: { recordingId: recording.id }, orderBy: { sequence: "asc" } });
    expect(rows.map((r) => [r.sequence, r.uri, r.offsetMs, r.durationMs, r.discontinuity, r.startedAt.toISOString()])).toEqual([
      [0, "000000.ts", 0, 1000, false, at(0)],
      [1, "000001.ts", 1000, 1500, false, at(1000)],
      [2, "000002.ts", 2500, 800, true, at(9000)],
    ]);
    // Nothing more to do the second time.
    expect(await recoverLiveTimeline({ recordingId: recording.id })).toBe(0);
  });
});

describe("an ingest whose publisher is gone", () => {
  it("keeps its talk for a grace period (the publisher may come back), then lets another node have it", async () => {
    configureIngestRegistry({ idleReleaseMs: 1500 });
    const server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    const probe = new pg.Client({ connectionString: getDatabaseUrl() });
    await probe.connect();
    try {
      const { talk, speaker } = await createLiveTalkSetup();
      // What another node would try: the talk's lease, taken and given back at once.
      const leaseIsFree = async () => {
        const key = ["plenary:ingest", talk.id];
        const { rows } = await probe.query<{ taken: boolean }>("SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS taken", key);
        if (rows[0]!.taken) await probe.query("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", key);
        return rows[0]!.taken;
      };
      const studio = await connectClient(server.port, speaker.cookie);
      sockets.push(studio);
      expect(await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({ ok: true });
      expect(await leaseIsFree()).toBe(false);
      studio.disconnect();
      await waitFor(leaseIsFree, 20_000, 200);
      // The talk is still live for whoever publishes next (here or elsewhere).
      const again = await connectClient(server.port, speaker.cookie);
      sockets.push(again);
      expect(await emitAck(again, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({ ok: true });
      expect(await leaseIsFree()).toBe(false);
    } finally {
      await probe.end();
      await server.close();
      configureIngestRegistry({ idleReleaseMs: 120_000 });
    }
  });
});
