import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { freePorts } from "../../scripts/free-port";
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
    const [rtmpA, rtmpB] = await freePorts(2);
    const [nodeA, nodeB] = await Promise.all([startNode(rtmpA!), startNode(rtmpB!)]);
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
});
