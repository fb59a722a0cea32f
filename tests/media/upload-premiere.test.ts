import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { advancePremieres } from "@/lib/media/advance-premieres";
import { parseMediaKey } from "@/lib/media/authorize-media-read";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { parseMediaPlaylist } from "@/lib/media/hls-playlist";
import { renderPremierePlaylist } from "@/lib/media/render-premiere-playlist";
import { readMediaObject } from "@/lib/media/read-media-object";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { connectClient, createLiveTalkSetup, emitAck, readPlaylist, waitFor } from "./support/media-fixtures";

let server: RealtimeServer;
let video: Buffer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
  const file = path.join(os.tmpdir(), `plenary-upload-test-${crypto.randomUUID()}.mp4`);
  const made = spawnSync(getFfmpegPath(), [
    // 20 s at 10 fps: as cheap to transcode as 7 s at 25 fps, and long enough that the premiere
    // below is still running however slowly a loaded machine gets from its start to the read.
    "-hide_banner",
    "-loglevel",
    "error",
    "-f",
    "lavfi",
    "-i",
    "testsrc=size=640x360:rate=10",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:sample_rate=48000",
    "-t",
    "20",
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-movflags",
    "+faststart",
    file,
  ]);
  expect(made.status).toBe(0);
  video = fs.readFileSync(file);
  fs.rmSync(file);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

function upload(talkId: string, cookie: string | undefined, body: Buffer, type = "video/mp4") {
  return fetch(`http://127.0.0.1:${server.port}/media/talks/${talkId}/upload?type=${encodeURIComponent(type)}`, {
    method: "POST",
    headers: { "content-type": "text/plain", ...(cookie ? { cookie } : {}) },
    body: new Uint8Array(body),
  });
}

describe("pre-recorded talks", () => {
  it("transcodes an upload in the background and premieres it at the scheduled start", { timeout: 180_000 }, async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const response = await upload(talk.id, speaker.cookie, video);
    expect(response.status).toBe(202);

    const viewer = await connectClient(server.port, attendee.cookie);
    sockets.push(viewer);
    const ready = await waitFor(async () => {
      const ack = await emitAck(viewer, "media:watch", { talkId: talk.id });
      return ack.ok && ack.media.recordingStatus === "READY" ? ack.media : null;
    }, 150_000);
    // Not before its start: nothing to play yet, the premiere time is known.
    expect(ready).toMatchObject({ source: "UPLOAD", progress: 100, playlistPath: null, premiereAt: talk.startsAt.toISOString() });
    expect(ready.durationMs).toBeGreaterThan(19_000);

    // The scheduled start was 3 s ago: everyone joins at the same position (~3 s in).
    const startsAt = new Date(Date.now() - 3000);
    await prisma.talk.update({ where: { id: talk.id }, data: { startsAt } });
    const advanced = await advancePremieres();
    expect(advanced.started).toContain(talk.id);
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("LIVE");
    const watch = await emitAck(viewer, "media:watch", { talkId: talk.id });
    const mediaPath = (watch.media.playlistPath as string).replace("master.m3u8", "v0/index.m3u8");
    const live = await readPlaylist(server.port, mediaPath, attendee.cookie);
    const answeredAt = Date.now();
    expect(live!.ended).toBe(false);
    expect(live!.text).toContain("#EXT-X-PLAYLIST-TYPE:EVENT");
    // Listed: what has played since the start when the server answered — at least the first 3 s
    // less a segment, at most the time until the answer arrived (however long the machine took).
    const listed = live!.segments.reduce((sum, s) => sum + s.duration, 0);
    expect(listed).toBeGreaterThanOrEqual(3 - live!.targetDuration);
    expect(listed).toBeLessThanOrEqual((answeredAt - startsAt.getTime()) / 1000);
    expect(live!.segments[0]!.uri.split("?")[0]).toBe("000000.ts"); // scrubbing back to the start works
    // The same rule at an exact moment: 3.5 s after the start, nothing past 3.5 s is listed.
    const key = parseMediaKey(mediaPath.replace(/^\/media\//, ""))!;
    const atThreeAndAHalf = parseMediaPlaylist((await renderPremierePlaylist({ key, now: new Date(startsAt.getTime() + 3500) }))!);
    const listedThen = atThreeAndAHalf.segments.reduce((sum, s) => sum + s.duration, 0);
    expect(listedThen).toBeLessThanOrEqual(3.5);
    expect(listedThen).toBeGreaterThan(3.5 - atThreeAndAHalf.targetDuration);
    expect(atThreeAndAHalf.ended).toBe(false);

    // Once the video has played out: the whole recording with ENDLIST, and the talk ends.
    const later = new Date(startsAt.getTime() + 60_000);
    const replay = parseMediaPlaylist((await renderPremierePlaylist({ key, now: later }))!);
    expect(replay.ended).toBe(true);
    expect(replay.segments.reduce((sum, s) => sum + s.duration, 0)).toBeGreaterThan(19);
    expect((await advancePremieres({ now: later })).ended).toContain(talk.id);
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("ENDED");
  });

  it("serves only what has aired during a premiere: no whole-talk playlist, no future segments; everything once it ended", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    expect((await upload(talk.id, speaker.cookie, video)).status).toBe(202);
    const recording = await waitFor(async () => {
      const row = await prisma.recording.findUnique({ where: { talkId: talk.id } });
      return row?.status === "READY" ? row : null;
    }, 60_000);
    const startsAt = new Date(Date.now() - 3000);
    await prisma.talk.update({ where: { id: talk.id }, data: { startsAt } });
    const get = (file: string) =>
      fetch(`http://127.0.0.1:${server.port}/media/${recording.storagePrefix}/${file}`, { headers: { cookie: attendee.cookie } });

    // 3 s in (2 s segments): the first segment has aired, the third (4-6 s) has not.
    expect((await get("master.m3u8")).status).toBe(200);
    const live = parseMediaPlaylist(await (await get("v0/index.m3u8")).text());
    expect(live.segments.map((s) => s.uri.split("?")[0])).toEqual(["000000.ts"]);
    // Segments are read with the token the playlist gives them; even with it, the future stays closed.
    const token = new URL(live.segments[0]!.uri, "http://plenary.invalid").searchParams.get("token");
    expect((await get(`v0/000000.ts?token=${token}`)).status).toBe(200);
    const future = await get(`v0/000002.ts?token=${token}`);
    expect(future.status).toBe(403);
    expect(future.headers.get("cache-control")).toBe("no-store");
    const whole = await get("v0/vod.m3u8");
    expect(whole.status).toBe(403);
    expect((await whole.json()).error.message).toMatch(/when the premiere ends/);

    // Before the start nothing is served; once the video has played out, all of it.
    const key = (file: string) => parseMediaKey(`${recording.storagePrefix}/${file}`)!;
    await expect(readMediaObject({ key: key("v0/000000.ts"), now: new Date(startsAt.getTime() - 10_000) })).rejects.toThrow(/not aired yet/);
    const later = new Date(startsAt.getTime() + 60_000);
    for (const file of ["v0/vod.m3u8", "v0/000002.ts", "v0/000003.ts"]) {
      const object = await readMediaObject({ key: key(file), now: later });
      expect(object, file).not.toBeNull();
      object!.stream.destroy();
    }
  });

  it("refuses uploads from non-speakers, of the wrong type, too large, or not a video", async () => {
    const { talk, speaker, stranger } = await createLiveTalkSetup();
    expect((await upload(talk.id, stranger.cookie, video)).status).toBe(403);
    expect((await upload(talk.id, undefined, video)).status).toBe(401);
    expect((await upload(talk.id, speaker.cookie, video, "application/pdf")).status).toBe(415);
    expect((await upload(talk.id, speaker.cookie, crypto.randomBytes(4096))).status).toBe(415);
    const restore = overrideEnv({ MEDIA_UPLOAD_MAX_MB: "1" });
    try {
      expect((await upload(talk.id, speaker.cookie, Buffer.concat([video, crypto.randomBytes(2 * 1024 * 1024)]))).status).toBe(413);
    } finally {
      restore();
    }
    expect(await prisma.recording.findUnique({ where: { talkId: talk.id } })).toBeNull();
  });
});
