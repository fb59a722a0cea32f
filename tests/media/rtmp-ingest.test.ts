import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { freePort } from "../../scripts/free-port";
import { overrideEnv } from "@/lib/config/env";
import { connectClient, createLiveTalkSetup, emitAck, readPlaylist, waitFor } from "./support/media-fixtures";

let server: RealtimeServer;
let rtmpPort: number;
const sockets: Socket[] = [];

let restoreEnv: () => void = () => {};
beforeAll(async () => {
  // A port the OS says is free: 1935 may be taken by anything on this machine.
  rtmpPort = await freePort();
  // The test run turns RTMP off by default; this server listens, so OBS is told its address.
  restoreEnv = overrideEnv({ RTMP_PUBLIC_URL: `rtmp://127.0.0.1:${rtmpPort}/live` });
  server = await startRealtimeServer({ port: 0, host: "127.0.0.1", rtmpPort });
});
afterAll(async () => {
  restoreEnv();
  for (const s of sockets) s.disconnect();
  await server?.close();
});

/** An encoder like OBS: H.264 + AAC over RTMP at real-time pace. */
function pushRtmp(streamKey: string, seconds: number) {
  const child = spawn(
    getFfmpegPath(),
    [
      "-hide_banner",
      "-loglevel",
      "error",
      "-re",
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=640x360:rate=30",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:sample_rate=48000",
      "-t",
      String(seconds),
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-tune",
      "zerolatency",
      "-g",
      "30",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-b:a",
      "96k",
      "-f",
      "flv",
      `rtmp://127.0.0.1:${rtmpPort}/live/${streamKey}`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  return { exited, kill: () => child.kill("SIGKILL") };
}

describe("RTMP ingest", () => {
  it("streams privately before the slot's window: the studio previews it, attendees see nothing, and it is discarded", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const inADay = new Date(Date.now() + 24 * 3600_000);
    await prisma.talk.update({ where: { id: talk.id }, data: { startsAt: inADay, endsAt: new Date(inADay.getTime() + 1800_000) } });
    const studio = await connectClient(server.port, speaker.cookie);
    const viewer = await connectClient(server.port, attendee.cookie);
    sockets.push(studio, viewer);
    const encoder = pushRtmp(talk.streamKey, 30);
    const preview = await waitFor(async () => {
      const ack = await emitAck(studio, "media:watch", { talkId: talk.id });
      return ack.ok && ack.media.playlistPath ? ack.media : null;
    }, 40_000);
    expect(preview).toMatchObject({ isTest: true, source: "RTMP", status: "SCHEDULED" });
    expect((await emitAck(viewer, "media:watch", { talkId: talk.id })).media).toMatchObject({ playlistPath: null, status: "SCHEDULED" });
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("SCHEDULED");
    // Discarding disconnects the encoder and leaves nothing behind.
    expect(await emitAck(studio, "media:discard-test", { talkId: talk.id })).toMatchObject({ ok: true });
    await encoder.exited;
    expect(await prisma.recording.findUnique({ where: { talkId: talk.id } })).toBeNull();
  });

  it("goes live with the talk's stream key and ends with ENDLIST", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const encoder = pushRtmp(talk.streamKey, 7);
    const viewer = await connectClient(server.port, attendee.cookie);
    sockets.push(viewer);
    const path = await waitFor(async () => {
      const ack = await emitAck(viewer, "media:watch", { talkId: talk.id });
      return ack.ok && ack.media.playlistPath;
    });
    const mediaPath = (path as string).replace("master.m3u8", "v0/index.m3u8");
    const first = await readPlaylist(server.port, mediaPath, attendee.cookie);
    expect(first!.ended).toBe(false);
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("LIVE");
    const { code } = await encoder.exited;
    expect(code).toBe(0);

    const studio = await connectClient(server.port, speaker.cookie);
    sockets.push(studio);
    expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);
    const replay = await readPlaylist(server.port, mediaPath, attendee.cookie);
    expect(replay!.ended).toBe(true);
    expect(replay!.segments.length).toBeGreaterThan(first!.segments.length);
    const total = replay!.segments.reduce((sum, s) => sum + s.duration, 0);
    expect(total).toBeGreaterThan(5);
    for (const s of replay!.segments) expect(s.duration).toBeLessThanOrEqual(replay!.targetDuration);
    expect((await prisma.recording.findUniqueOrThrow({ where: { talkId: talk.id } })).source).toBe("RTMP");
  });

  it("refuses a wrong or rotated key before accepting any media", async () => {
    const { talk, speaker } = await createLiveTalkSetup();
    const wrong = pushRtmp("not-the-key", 5);
    const refused = await wrong.exited;
    expect(refused.code).not.toBe(0);
    expect(await prisma.recording.findUnique({ where: { talkId: talk.id } })).toBeNull();

    const studio = await connectClient(server.port, speaker.cookie);
    sockets.push(studio);
    const old = await emitAck(studio, "media:stream-key", { talkId: talk.id });
    expect(old).toMatchObject({ ok: true, streamKey: talk.streamKey });
    expect(old.rtmpUrl).toMatch(/^rtmp:\/\//);
    const rotated = await emitAck(studio, "media:stream-key:rotate", { talkId: talk.id });
    expect(rotated.ok).toBe(true);
    expect(rotated.streamKey).not.toBe(talk.streamKey);

    const withOldKey = await pushRtmp(talk.streamKey, 5).exited;
    expect(withOldKey.code).not.toBe(0);
    expect(await prisma.recording.findUnique({ where: { talkId: talk.id } })).toBeNull();
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("SCHEDULED");
  });

  it("shows and rotates stream keys only for the talk's speakers and organizers", async () => {
    const { talk, attendee } = await createLiveTalkSetup();
    const viewer = await connectClient(server.port, attendee.cookie);
    sockets.push(viewer);
    expect(await emitAck(viewer, "media:stream-key", { talkId: talk.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await emitAck(viewer, "media:stream-key:rotate", { talkId: talk.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});
