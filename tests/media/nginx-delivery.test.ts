import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { env, overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { parseMediaPlaylist } from "@/lib/media/hls-playlist";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { findNginx } from "../../scripts/ensure-tools";
import { freePorts } from "../../scripts/free-port";
import { startLocalNginx } from "../../scripts/nginx/local-nginx";
import { startOriginCounter } from "../../scripts/nginx/origin-counter";
import { connectClient, createLiveTalkSetup, emitAck, startWebmFeeder, waitFor } from "./support/media-fixtures";

// The production path of deploy/nginx.conf, run natively: nginx in front of a realtime node.
const nginxBinary = findNginx();
if (!nginxBinary) console.warn("[nginx-delivery] SKIPPED: nginx is not installed (apt-get install nginx, or npx tsx scripts/ensure-tools.ts)");

let server: RealtimeServer;
let origin: Awaited<ReturnType<typeof startOriginCounter>>;
let proxy: Awaited<ReturnType<typeof startLocalNginx>>;
const sockets: Socket[] = [];
let restoreEnv: () => void = () => {};

describe.skipIf(!nginxBinary)("media through nginx (deploy/nginx.conf)", () => {
  beforeAll(async () => {
    const [port] = await freePorts(1);
    restoreEnv = overrideEnv({ PUBLIC_URL: `http://127.0.0.1:${port}`, REALTIME_PUBLIC_URL: `http://127.0.0.1:${port}` });
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    origin = await startOriginCounter({ target: server.port });
    proxy = await startLocalNginx({ port: port!, realtimePorts: [origin.port], mediaDir: env.MEDIA_DIR });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await proxy?.stop();
    await origin?.close();
    await server?.close();
    restoreEnv();
  });

  it(
    "serves a live talk to many viewers: playlists from a 1 s micro-cache, segments from disk, both only with the talk's token",
    { timeout: 120_000 },
    async () => {
      const { talk, speaker, attendee } = await createLiveTalkSetup();
      const studio = await connectClient(server.port, speaker.cookie);
      sockets.push(studio);
      expect(await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({ ok: true });
      const feeder = startWebmFeeder({
        seconds: 30,
        codec: "h264",
        size: "320x180",
        rate: 15,
        onChunk: async (data, seq) => {
          await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data });
        },
      });
      const viewer = await connectClient(server.port, attendee.cookie);
      sockets.push(viewer);
      const master = await waitFor(async () => {
        const ack = await emitAck(viewer, "media:watch", { talkId: talk.id });
        return ack.ok && ack.media.playlistPath ? (ack.media.playlistPath as string) : null;
      }, 60_000);
      const get = (pathname: string, cookie?: string) => fetch(`${proxy.url}${pathname}`, { headers: cookie ? { cookie } : {} });

      // The master playlist goes by the session (a ticket-only talk), never from the shared cache.
      expect((await get(master)).status).toBe(401);
      const masterRead = await get(master, attendee.cookie);
      expect(masterRead.status).toBe(200);
      expect(masterRead.headers.get("x-cache-status")).toBe("BYPASS");
      const rendition = (await masterRead.text()).split("\n").find((line) => line.startsWith("v0/index.m3u8"))!;
      expect(rendition).toMatch(/^v0\/index\.m3u8\?token=\d+\.[A-Za-z0-9_-]{32}$/);
      const playlistPath = master.replace("master.m3u8", rendition);
      await waitFor(async () => parseMediaPlaylist(await (await get(playlistPath)).text()).segments.length >= 2, 60_000);

      // Without a usable token a rendition playlist is the session's business: no cookie, no playlist.
      const bare = master.replace("master.m3u8", "v0/index.m3u8");
      expect((await get(bare)).status).toBe(401);
      expect((await get(`${bare}?token=nonsense`)).status).toBe(401);
      const bySession = await get(bare, attendee.cookie);
      expect(bySession.status).toBe(200);
      expect(bySession.headers.get("x-cache-status")).toBe("BYPASS");

      // 200 viewers polling at once, five times a second apart: the origin reads the playlist about once a second.
      origin.reset();
      const startedAt = Date.now();
      const reads: Response[] = [];
      for (let round = 0; round < 5; round++) {
        reads.push(...(await Promise.all(Array.from({ length: 200 }, () => get(playlistPath)))));
        await new Promise((r) => setTimeout(r, 1000));
      }
      const seconds = (Date.now() - startedAt) / 1000;
      expect(reads.every((r) => r.status === 200)).toBe(true);
      expect(reads.every((r) => r.headers.get("cache-control") === "public, max-age=1")).toBe(true);
      expect(origin.counts.playlists).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
      expect(origin.counts.auth).toBeLessThanOrEqual(2); // one token check, cached

      // Segments: nginx reads them from the media directory once the token passed; the node never sees them.
      const playlist = parseMediaPlaylist(await (await get(playlistPath)).text());
      const segment = playlist.segments[0]!;
      const segmentPath = master.replace("master.m3u8", `v0/${segment.uri}`);
      origin.reset();
      const answers = await Promise.all(Array.from({ length: 50 }, () => get(segmentPath)));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      const bytes = Buffer.from(await answers[0]!.arrayBuffer());
      const onDisk = fs.readFileSync(
        path.join(env.MEDIA_DIR, master.replace(/^\/media\//, "").replace("master.m3u8", `v0/${segment.uri.split("?")[0]}`)),
      );
      expect(bytes.equals(onDisk)).toBe(true);
      expect(answers[0]!.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(answers[0]!.headers.get("content-type")).toBe("video/mp2t");
      expect(origin.counts.segments).toBe(0);
      expect(origin.counts.auth).toBeLessThanOrEqual(1);
      const segmentWithout = segmentPath.split("?")[0]!;
      expect((await get(segmentWithout)).status).toBe(403);
      expect((await get(`${segmentWithout}?token=1.${"A".repeat(32)}`)).status).toBe(403);
      const otherTalk = segmentWithout.replace(talk.id, "someothertalk");
      expect((await get(`${otherTalk}?${segment.uri.split("?")[1]}`)).status).toBe(403);

      feeder.stop();
    },
  );

  it(
    "keeps a premiere's future closed through the proxy: aired segments served from disk, later ones refused even with the token",
    { timeout: 180_000 },
    async () => {
      const { talk, speaker, attendee } = await createLiveTalkSetup();
      const file = path.join(os.tmpdir(), `plenary-nginx-upload-${crypto.randomUUID()}.mp4`);
      const made = spawnSync(getFfmpegPath(), [
        ...["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=10", "-f", "lavfi"],
        ...["-i", "sine=frequency=440:sample_rate=48000", "-t", "12", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
        ...["-c:a", "aac", "-movflags", "+faststart", file],
      ]);
      expect(made.status).toBe(0);
      const uploaded = await fetch(`http://127.0.0.1:${server.port}/media/talks/${talk.id}/upload?type=video%2Fmp4`, {
        method: "POST",
        headers: { "content-type": "text/plain", cookie: speaker.cookie },
        body: new Uint8Array(fs.readFileSync(file)),
      });
      fs.rmSync(file);
      expect(uploaded.status).toBe(202);
      const recording = await waitFor(async () => {
        const row = await prisma.recording.findUnique({ where: { talkId: talk.id } });
        return row?.status === "READY" ? row : null;
      }, 150_000);
      await prisma.talk.update({ where: { id: talk.id }, data: { startsAt: new Date(Date.now() - 3000) } });
      const get = (pathname: string, cookie?: string) => fetch(`${proxy.url}${pathname}`, { headers: cookie ? { cookie } : {} });
      const base = `/media/${recording.storagePrefix}`;
      const master = await (await get(`${base}/master.m3u8`, attendee.cookie)).text();
      const rendition = master.split("\n").find((l) => l.startsWith("v0/index.m3u8"))!;
      const live = parseMediaPlaylist(await (await get(`${base}/${rendition}`)).text());
      expect(live.ended).toBe(false);
      const token = rendition.split("?")[1]!;
      expect((await get(`${base}/v0/000000.ts?${token}`)).status).toBe(200);
      // 2 s segments, 3 s in: the last one is seconds away, and nginx does not serve it early.
      const all = parseMediaPlaylist((await getMediaStorage().readText(`${recording.storagePrefix}/v0/vod.m3u8`))!).segments;
      expect((await get(`${base}/v0/${all.at(-1)!.uri}?${token}`)).status).toBe(403);
      expect((await get(`${base}/v0/vod.m3u8?${token}`)).status).toBe(403);
    },
  );
});
