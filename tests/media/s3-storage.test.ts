import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { parseMediaPlaylist } from "@/lib/media/hls-playlist";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { freePort } from "../../scripts/free-port";
import { S3_TEST_CREDENTIALS, startS3Server } from "../support/s3-server";
import { connectClient, createLiveTalkSetup, emitAck, waitFor } from "./support/media-fixtures";

const BUCKET = "plenary-media";
let store: Awaited<ReturnType<typeof startS3Server>>;
let server: RealtimeServer;
let rtmpPort: number;
let restoreEnv: () => void = () => {};
const sockets: Socket[] = [];

beforeAll(async () => {
  store = await startS3Server({ bucket: BUCKET });
  rtmpPort = await freePort();
  restoreEnv = overrideEnv({
    MEDIA_STORAGE: "s3",
    S3_ENDPOINT: store.endpoint,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
    S3_FORCE_PATH_STYLE: "1",
    RTMP_PUBLIC_URL: `rtmp://127.0.0.1:${rtmpPort}/live`,
  });
  server = await startRealtimeServer({ port: 0, host: "127.0.0.1", rtmpPort });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
  restoreEnv();
  await store?.close();
});

/** An encoder like OBS: H.264 + AAC over RTMP at real-time pace. */
function pushRtmp(streamKey: string, seconds: number) {
  const child = spawn(
    getFfmpegPath(),
    [
      ...["-hide_banner", "-loglevel", "error", "-re"],
      ...["-f", "lavfi", "-i", "testsrc=size=320x180:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"],
      ...["-t", String(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "15", "-pix_fmt", "yuv420p"],
      ...["-c:a", "aac", "-b:a", "64k", "-f", "flv", `rtmp://127.0.0.1:${rtmpPort}/live/${streamKey}`],
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  return { exited, kill: () => child.kill("SIGKILL") };
}

const get = (pathname: string, cookie?: string) => fetch(`http://127.0.0.1:${server.port}${pathname}`, { headers: cookie ? { cookie } : {} });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("media on S3-compatible storage", () => {
  it("stores objects with their content type and cache lifetime, reads them back, removes a folder", async () => {
    const storage = getMediaStorage();
    const folder = `talks/t-${crypto.randomUUID().slice(0, 8)}/abcdef12`;
    const work = path.join(os.tmpdir(), `plenary-s3-${crypto.randomUUID()}.ts`);
    fs.writeFileSync(work, Buffer.alloc(4096, 7));
    await storage.putFile(`${folder}/v0/000000.ts`, work);
    expect(fs.existsSync(work)).toBe(false); // the work file is gone once stored
    await storage.putText(`${folder}/v0/index.m3u8`, "#EXTM3U\n");
    expect(await storage.readText(`${folder}/v0/index.m3u8`)).toBe("#EXTM3U\n");
    expect(await storage.readText(`${folder}/v0/missing.m3u8`)).toBeNull();
    expect(await storage.open(`${folder}/v0/999999.ts`)).toBeNull();
    const opened = await storage.open(`${folder}/v0/000000.ts`);
    expect(opened!.size).toBe(4096);
    opened!.stream.destroy();

    // What a CDN or nginx in front of the bucket sees: segments immutable, playlists cacheable a second.
    const segment = await fetch(`${store.endpoint}/${BUCKET}/${folder}/v0/000000.ts`);
    expect(segment.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(segment.headers.get("content-type")).toBe("video/mp2t");
    const playlist = await fetch(`${store.endpoint}/${BUCKET}/${folder}/v0/index.m3u8`);
    expect(playlist.headers.get("cache-control")).toBe("public, max-age=1");

    await storage.removePrefix(folder);
    expect(await storage.readText(`${folder}/v0/index.m3u8`)).toBeNull();
    expect(await storage.open(`${folder}/v0/000000.ts`)).toBeNull();
  });

  it(
    "keeps a live talk whole through a 10 s store outage: uploads retry, no segment is lost, the playlist never lists one that is not stored",
    { timeout: 240_000 },
    async () => {
      const { talk, speaker, attendee } = await createLiveTalkSetup();
      const seconds = 40;
      const encoder = pushRtmp(talk.streamKey, seconds);
      const viewer = await connectClient(server.port, attendee.cookie);
      sockets.push(viewer);
      const master = await waitFor(async () => {
        const ack = await emitAck(viewer, "media:watch", { talkId: talk.id });
        return ack.ok && ack.media.playlistPath ? (ack.media.playlistPath as string) : null;
      }, 60_000);
      const mediaPath = master.replace("master.m3u8", "v0/index.m3u8");

      // A viewer polling all along: every segment a playlist lists is fetched at once. While the
      // store is away a read may answer 503 (try again later); never 404 — listed means stored.
      const fetched = new Set<string>();
      const pending = new Set<string>();
      const missing: string[] = [];
      let playlistReads = 0;
      let playlistUnavailable = 0;
      let polling = true;
      const fetchSegment = async (uri: string) => {
        const response = await get(mediaPath.replace("index.m3u8", uri));
        await response.arrayBuffer();
        if (response.status === 200) {
          fetched.add(uri.split("?")[0]!);
          pending.delete(uri);
        } else if (response.status === 503) pending.add(uri);
        else missing.push(`${uri}: ${response.status}`);
      };
      const poller = (async () => {
        while (polling) {
          const response = await get(mediaPath, attendee.cookie);
          const text = await response.text();
          if (response.status === 200) {
            playlistReads++;
            for (const segment of parseMediaPlaylist(text).segments) {
              if (!fetched.has(segment.uri.split("?")[0]!)) await fetchSegment(segment.uri);
            }
          } else {
            expect(response.status).toBe(503);
            playlistUnavailable++;
          }
          for (const uri of [...pending]) await fetchSegment(uri);
          await sleep(250);
        }
      })();

      // Live for a few segments, then the store goes away for 10 s and comes back.
      await waitFor(async () => fetched.size >= 4, 60_000);
      await store.stop();
      const outageStartedAt = new Date();
      await sleep(10_000);
      const listedWhenBack = fetched.size;
      await store.start();

      const { code } = await encoder.exited;
      expect(code).toBe(0);
      const studio = await connectClient(server.port, speaker.cookie);
      sockets.push(studio);
      expect((await emitAck(studio, "media:end", { talkId: talk.id }, 120_000)).ok).toBe(true);
      polling = false;
      await poller;

      // The replay (the same URL, ENDED) lists every segment in order, each one stored.
      const replayResponse = await get(mediaPath, attendee.cookie);
      expect(replayResponse.status).toBe(200);
      const replay = parseMediaPlaylist(await replayResponse.text());
      expect(replay.ended).toBe(true);
      expect(replay.segments.map((s) => s.uri.split("?")[0])).toEqual(replay.segments.map((_, i) => `${String(i).padStart(6, "0")}.ts`));
      for (const segment of replay.segments) await fetchSegment(segment.uri);
      expect(missing).toEqual([]);
      expect(pending.size).toBe(0);
      expect(fetched.size).toBe(replay.segments.length);
      // No media lost: what ffmpeg cut during the outage was uploaded when the store came back.
      const listedSeconds = replay.segments.reduce((sum, s) => sum + s.duration, 0);
      expect(listedSeconds).toBeGreaterThan(seconds - 3);
      expect(
        replay.segments.some((s) => s.programDateTime! >= outageStartedAt && s.programDateTime!.getTime() < outageStartedAt.getTime() + 8000),
      ).toBe(true);
      expect(replay.segments.length).toBeGreaterThan(listedWhenBack);
      expect(playlistReads).toBeGreaterThan(0);
      expect(playlistUnavailable).toBeGreaterThan(0); // the poller did run while the store was away
      expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("ENDED");
    },
  );

  it("transcodes an upload into the bucket and plays it as a premiere", { timeout: 240_000 }, async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const file = path.join(os.tmpdir(), `plenary-s3-upload-${crypto.randomUUID()}.mp4`);
    const made = spawnSync(getFfmpegPath(), [
      ...["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=10", "-f", "lavfi"],
      ...["-i", "sine=frequency=440:sample_rate=48000", "-t", "8", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
      ...["-c:a", "aac", "-movflags", "+faststart", file],
    ]);
    expect(made.status).toBe(0);
    const body = fs.readFileSync(file);
    fs.rmSync(file);
    const uploaded = await fetch(`http://127.0.0.1:${server.port}/media/talks/${talk.id}/upload?type=video%2Fmp4`, {
      method: "POST",
      headers: { "content-type": "text/plain", cookie: speaker.cookie },
      body: new Uint8Array(body),
    });
    expect(uploaded.status).toBe(202);
    const recording = await waitFor(async () => {
      const row = await prisma.recording.findUnique({ where: { talkId: talk.id } });
      return row?.status === "READY" ? row : null;
    }, 180_000);
    // Its scheduled start was 5 s ago: the premiere lists what has aired, read from the bucket.
    await prisma.talk.update({ where: { id: talk.id }, data: { startsAt: new Date(Date.now() - 5000) } });
    const playlist = await get(`/media/${recording.storagePrefix}/v0/index.m3u8`, attendee.cookie);
    expect(playlist.status).toBe(200);
    const live = parseMediaPlaylist(await playlist.text());
    expect(live.segments.length).toBeGreaterThan(0);
    const segment = await get(`/media/${recording.storagePrefix}/v0/${live.segments[0]!.uri}`);
    expect(segment.status).toBe(200);
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect(await getMediaStorage().readText(`${recording.storagePrefix}/v0/vod.m3u8`)).toContain("#EXT-X-ENDLIST");
  });
});
