import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { overrideEnv } from "@/lib/config/env";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { probeMediaTimes, type MediaTimes } from "@/server/media/ffmpeg/probe-segment-span";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { freePort } from "../../scripts/free-port";
import { connectClient, createLiveTalkSetup, emitAck, readPlaylist, waitFor } from "./support/media-fixtures";

// A talk's playlist must add up to its media whatever the frame rate: a screen share of slides
// sends 1-5 frames a second, a starved laptop a variable rate. Sources are files of known length
// fed through the real ingest paths at real-time pace.
const SECONDS = 10;
const SOURCES = [
  { name: "30 fps", fps: 30 },
  { name: "5 fps", fps: 5 },
  { name: "1 fps", fps: 1 },
  { name: "variable frame rate", fps: null },
] as const;
type Source = (typeof SOURCES)[number];

let server: RealtimeServer;
let rtmpPort: number;
let restoreEnv: () => void = () => {};
const sockets: Socket[] = [];
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-timeline-test-"));

beforeAll(async () => {
  rtmpPort = await freePort();
  restoreEnv = overrideEnv({ RTMP_PUBLIC_URL: `rtmp://127.0.0.1:${rtmpPort}/live` });
  server = await startRealtimeServer({ port: 0, host: "127.0.0.1", rtmpPort });
});
afterAll(async () => {
  restoreEnv();
  for (const s of sockets) s.disconnect();
  await server?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/**
 * H.264 with a keyframe every second (as Chromium's MediaRecorder and OBS send) and a tone, in
 * Matroska/Opus like a browser or FLV/AAC like an encoder. The variable rate keeps a random ~15 %
 * of a 30 fps camera's frames at their own times (2-8 frames a second).
 */
function makeSource(source: Source, container: "matroska" | "flv"): string {
  const file = path.join(workDir, `${source.fps ?? "vfr"}.${container === "flv" ? "flv" : "mkv"}`);
  const video = source.fps
    ? ["-f", "lavfi", "-i", `testsrc2=size=320x180:rate=${source.fps}`]
    : ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30"];
  const made = spawnSync(getFfmpegPath(), [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    ...video,
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:sample_rate=48000",
    "-t",
    String(SECONDS),
    ...(source.fps ? [] : ["-vf", "select='lt(random(0),0.15)+eq(n,0)'", "-vsync", "vfr"]),
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-force_key_frames",
    "expr:gte(t,n_forced*1)",
    "-c:a",
    container === "flv" ? "aac" : "libopus",
    "-f",
    container,
    file,
  ]);
  if (made.status !== 0) throw new Error(`could not make the ${source.name} source: ${made.stderr}`);
  return file;
}

/** Feeds a file at real-time pace as a browser does: the bytes of each second as one chunk. */
function feedChunks(file: string, send: (chunk: Buffer, seq: number) => Promise<void>): Promise<void> {
  const child = spawn(
    getFfmpegPath(),
    ["-hide_banner", "-loglevel", "error", "-re", "-i", file, "-c", "copy", "-f", "matroska", "-live", "1", "pipe:1"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let pending: Buffer[] = [];
  let seq = 0;
  let sending = Promise.resolve();
  const flush = () => {
    if (pending.length === 0) return;
    const chunk = Buffer.concat(pending);
    pending = [];
    const n = seq++;
    sending = sending.then(() => send(chunk, n));
  };
  child.stdout!.on("data", (data: Buffer) => pending.push(data));
  const timer = setInterval(flush, 1000);
  return new Promise((resolve) =>
    child.on("close", () => {
      clearInterval(timer);
      flush();
      void sending.then(() => resolve());
    }),
  );
}

/** Pushes a file over RTMP at real-time pace, as OBS does; resolves when the encoder is done. */
function pushRtmp(file: string, streamKey: string): Promise<number | null> {
  const child = spawn(
    getFfmpegPath(),
    ["-hide_banner", "-loglevel", "error", "-re", "-i", file, "-c", "copy", "-f", "flv", `rtmp://127.0.0.1:${rtmpPort}/live/${streamKey}`],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return new Promise((resolve) => child.on("close", (code) => resolve(code)));
}

async function mediaPlaylistPath(cookie: string, talkId: string): Promise<string> {
  const viewer = await connectClient(server.port, cookie);
  sockets.push(viewer);
  const master = await waitFor(async () => {
    const ack = await emitAck(viewer, "media:watch", { talkId });
    return ack.ok && ack.media.playlistPath ? (ack.media.playlistPath as string) : null;
  }, 40_000);
  return master.replace("master.m3u8", "v0/index.m3u8");
}

const listedSeconds = (playlist: { segments: { duration: number }[] }) => playlist.segments.reduce((sum, s) => sum + s.duration, 0);
const errorPct = (listed: number, media: MediaTimes) => (Math.abs(listed - (media.end - media.firstFrame)) / (media.end - media.firstFrame)) * 100;

/** The replay lists the whole media, reaches its last frame, and its timeline rows say the same. */
async function expectExactReplay(talkId: string, playlistPath: string, cookie: string, media: MediaTimes, label: string) {
  const replay = (await readPlaylist(server.port, playlistPath, cookie))!;
  expect(replay.ended, label).toBe(true);
  const listed = listedSeconds(replay);
  expect(errorPct(listed, media), `${label}: ${listed.toFixed(3)} s listed for ${(media.end - media.firstFrame).toFixed(3)} s`).toBeLessThan(1);
  // The DVR seek range is the sum of EXTINF: it reaches the last frame.
  expect(listed, label).toBeGreaterThanOrEqual(media.lastFrame - media.firstFrame);
  const rows = await prisma.recordingSegment.findMany({ where: { recording: { talkId } }, orderBy: { sequence: "asc" } });
  expect(
    rows.map((r) => r.durationMs / 1000),
    label,
  ).toEqual(replay.segments.map((s) => s.duration));
  let offset = 0;
  for (const row of rows) {
    expect(row.offsetMs, label).toBe(offset);
    offset += row.durationMs;
  }
  const recording = await prisma.recording.findUniqueOrThrow({ where: { talkId } });
  expect(recording.durationMs, label).toBe(offset);
}

describe("exact timeline", () => {
  it("lists what a browser sent at 30, 5, 1 fps and a variable rate, to within 1 %, live and after End talk", async () => {
    await Promise.all(
      SOURCES.map(async (source) => {
        const file = makeSource(source, "matroska");
        const media = (await probeMediaTimes(file))!;
        const { talk, speaker, attendee } = await createLiveTalkSetup();
        const studio = await connectClient(server.port, speaker.cookie);
        sockets.push(studio);
        expect((await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).ok).toBe(true);
        const fed = feedChunks(file, async (data, seq) => {
          await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data });
        });
        const playlistPath = await mediaPlaylistPath(attendee.cookie, talk.id);
        await fed;
        // Live, every chunk sent: the segment in progress is not closed until more media (or the
        // end) comes; what is listed ends where it starts, never past the media.
        const live = await waitFor(async () => {
          const playlist = await readPlaylist(server.port, playlistPath, attendee.cookie);
          return playlist && listedSeconds(playlist) >= media.end - media.firstFrame - 2.5 ? playlist : null;
        });
        expect(live.ended).toBe(false);
        expect(listedSeconds(live)).toBeLessThanOrEqual(media.end - media.firstFrame + 0.01);

        expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);
        await expectExactReplay(talk.id, playlistPath, attendee.cookie, media, `browser ${source.name}`);
      }),
    );
  }, 180_000);

  it("lists what an encoder sent over RTMP at 30, 5, 1 fps and a variable rate, to within 1 %, live and after End talk", async () => {
    await Promise.all(
      SOURCES.map(async (source) => {
        const file = makeSource(source, "flv");
        const media = (await probeMediaTimes(file))!;
        const { talk, speaker, attendee } = await createLiveTalkSetup();
        const pushed = pushRtmp(file, talk.streamKey);
        const playlistPath = await mediaPlaylistPath(attendee.cookie, talk.id);
        expect(await pushed).toBe(0);
        // The encoder stopped (OBS "Stop streaming"): its last segment is flushed, the talk is still live.
        let seen = 0;
        const live = await waitFor(async () => {
          const playlist = await readPlaylist(server.port, playlistPath, attendee.cookie);
          seen = playlist ? listedSeconds(playlist) : 0;
          return playlist && errorPct(listedSeconds(playlist), media) < 1 ? playlist : null;
        }, 20_000).catch(() => {
          throw new Error(`RTMP ${source.name}: ${seen} s listed for ${media.end - media.firstFrame} s of media`);
        });
        expect(live.ended).toBe(false);
        expect(listedSeconds(live)).toBeGreaterThanOrEqual(media.lastFrame - media.firstFrame);

        const studio = await connectClient(server.port, speaker.cookie);
        sockets.push(studio);
        expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);
        await expectExactReplay(talk.id, playlistPath, attendee.cookie, media, `RTMP ${source.name}`);
      }),
    );
  }, 180_000);
});
