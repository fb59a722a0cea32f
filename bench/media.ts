/**
 * `npm run bench:media`: one live run through the real pipeline, measured.
 *
 *  - Chromium records H.264 with MediaRecorder in BROWSER_CHUNK_MS slices and streams them
 *    over socket.io to the realtime server (which copies the video, encodes audio): the
 *    passthrough CPU, chunk -> playlist delay, and End talk -> replay are measured on this run;
 *  - a second Chromium page plays the talk with hls.js (the player's settings): live edge distance;
 *    The speaker page records a canvas that paints its clock into every frame; the viewer reads it
 *    back from each frame it shows: glass to glass, not hls.js' own estimate;
 *  - an encoder (ffmpeg, x264 zerolatency) over RTMP with the clock painted likewise: glass to glass;
 *  - a 720p30 VP8 WebM (what Firefox sends) fed at real-time pace: the x264 transcode CPU;
 *  - H.264 sources at 30, 5 and 1 fps through the browser path: listed vs real duration.
 *
 * Prints the figures, and as its last line one JSON object:
 *   {"replay_ready_s","chunk_to_playlist_s","live_edge_s","transcode_cpu_pct","passthrough_cpu_pct",
 *    "extinf_error_pct","glass_to_glass_s" (browser studio),"glass_to_glass_rtmp_s"}
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { projectRoot } from "../scripts/db/embedded-postgres";
import { findChromium } from "../scripts/ensure-tools";
import { createScratchDatabase } from "./support/scratch-database";

const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
const TRANSCODE_SECONDS = Number(process.env.BENCH_TRANSCODE_SECONDS ?? 20);
const TIMELINE_SECONDS = Number(process.env.BENCH_TIMELINE_SECONDS ?? 20);
const log = (s: string) => console.log(`[bench:media] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100; // USER_HZ is 100 on Linux
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN;
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// ───────────── database, env, servers ─────────────
const { db, url: scratchUrl } = await createScratchDatabase("plenary_bench_media");
const dbUrl = new URL(scratchUrl);

const pagePort = await freePort();
const realtimePort = await freePort();
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-bench-media-"));
// Plenary's services run in this process: their configuration, checked by lib/config's schema.
const { overrideEnv } = await import("@/lib/config/env");
overrideEnv({
  DATABASE_URL: dbUrl.toString(),
  PUBLIC_URL: `http://127.0.0.1:${pagePort}`,
  REALTIME_PUBLIC_URL: `http://127.0.0.1:${realtimePort}`,
  REALTIME_PORT: String(realtimePort),
  MEDIA_DIR: mediaDir,
  RTMP_PORT: "0",
  MEDIA_LOW_RENDITION: process.env.MEDIA_LOW_RENDITION || "off",
});
// Imported after the configuration is set: better-auth takes PUBLIC_URL when it loads.
const { prisma } = await import("@/lib/db/client");
const { auth } = await import("@/lib/auth/auth");
const { startRealtimeServer } = await import("@/server/realtime-server");
const { findIngest } = await import("@/server/media/ingest/ingest-registry");
const { parseMediaPlaylist } = await import("@/lib/media/hls-playlist");
const { getFfmpegPath } = await import("@/server/media/ffmpeg/ffmpeg-path");
const { io } = await import("socket.io-client");
const { BROWSER_CHUNK_MS } = await import("@/lib/media/schemas");
const { LIVE_HLS_CONFIG } = await import("@/app/_components/media/live-player-config");
const { probeMediaTimes } = await import("@/server/media/ffmpeg/probe-segment-span");
const { getMediaStorage } = await import("@/lib/media/storage/get-media-storage");

const rtmpPort = await freePort();
const server = await startRealtimeServer({ port: realtimePort, host: "127.0.0.1", rtmpPort });
log(`ffmpeg: ${getFfmpegPath()}`);

async function createTalk(slug: string) {
  const id = crypto.randomBytes(4).toString("hex");
  const start = new Date();
  const conference = await prisma.conference.create({
    data: { slug: `bench-${id}`, name: "Bench", timeZone: "UTC", startsOn: start, endsOn: start },
  });
  const stage = await prisma.stage.create({ data: { conferenceId: conference.id, slug: "main", name: "Main" } });
  const talk = await prisma.talk.create({
    data: {
      conferenceId: conference.id,
      slug,
      title: slug,
      startsAt: start,
      endsAt: new Date(start.getTime() + 3600_000),
      stageId: stage.id,
      streamKey: crypto.randomBytes(16).toString("hex"),
      isPublic: true,
    },
  });
  const email = `bench-${id}@example.test`;
  const response = await auth.api.signUpEmail({ body: { email, password: "bench-password-123", name: "Bench Speaker" }, asResponse: true });
  const user = ((await response.json()) as { user: { id: string } }).user;
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  await prisma.membership.create({ data: { userId: user.id, conferenceId: conference.id, role: "ORGANIZER" } });
  return { talk, cookies };
}

// ───────────── the bench pages (origin = PUBLIC_URL) ─────────────
const speakerHtml = `<!doctype html><meta charset="utf-8"><title>speaker</title><video id="v" muted autoplay playsinline></video>
<script src="/socket.io.min.js"></script>
<script>
window.bench = { chunks: [], startedAt: 0, error: null };
// The capture clock, painted into every frame: 24 bits of (Date.now() - base) ms as white/black
// blocks, and below them the complement (a frame reads only if every pair differs).
window.paintClock = (ctx, base) => {
  const t = Date.now() - base;
  ctx.fillStyle = "#404040";
  ctx.fillRect(0, 0, 1280, 720);
  ctx.fillStyle = "#" + ((t * 2654435761) % 0xffffff).toString(16).padStart(6, "0");
  ctx.fillRect((t / 3) % 1180, 560, 100, 100); // something moving, as a camera would show
  for (let i = 0; i < 24; i++) {
    const bit = Math.floor(t / 2 ** i) % 2;
    ctx.fillStyle = bit ? "#fff" : "#000";
    ctx.fillRect(i * 53, 160, 53, 120);
    ctx.fillStyle = bit ? "#000" : "#fff";
    ctx.fillRect(i * 53, 340, 53, 120);
  }
};
window.goLive = async (realtimeUrl, talkId, clockBase, timesliceMs) => {
  const canvas = document.createElement("canvas");
  canvas.width = 1280;
  canvas.height = 720;
  const ctx = canvas.getContext("2d");
  setInterval(() => window.paintClock(ctx, clockBase), 1000 / 30);
  window.paintClock(ctx, clockBase);
  const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
  const stream = new MediaStream([...canvas.captureStream(30).getVideoTracks(), ...mic.getAudioTracks()]);
  document.getElementById("v").srcObject = stream;
  const socket = io(realtimeUrl, { withCredentials: true, transports: ["websocket"] });
  await new Promise((r) => socket.once("connect", r));
  const ack = await socket.emitWithAck("media:publish", { talkId, streamId: crypto.randomUUID() });
  if (!ack.ok) throw new Error(ack.error.message);
  const mimeType = "video/webm;codecs=h264,opus";
  if (!MediaRecorder.isTypeSupported(mimeType)) throw new Error("no H.264 MediaRecorder");
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 2500000, audioBitsPerSecond: 128000, videoKeyFrameIntervalDuration: 1000 });
  let seq = 0;
  let chain = Promise.resolve();
  recorder.ondataavailable = (e) => {
    const n = seq++;
    chain = chain.then(async () => {
      const data = await e.data.arrayBuffer();
      window.bench.chunks.push({ seq: n, sentAt: Date.now(), bytes: data.byteLength });
      socket.emit("media:chunk", { talkId, seq: n, data }, (a) => { if (!a.ok) window.bench.error = a.error.message; });
    });
  };
  window.endTalk = async () => {
    const clickedAt = Date.now();
    await new Promise((r) => { recorder.onstop = r; recorder.stop(); });
    await chain;
    const ack = await socket.emitWithAck("media:end", { talkId });
    return { clickedAt, ackAt: Date.now(), ok: ack.ok };
  };
  recorder.start(timesliceMs);
  window.bench.startedAt = Date.now();
};
</script>`;

const viewerHtml = `<!doctype html><meta charset="utf-8"><title>viewer</title><video id="v" muted autoplay playsinline></video>
<script src="/hls.min.js"></script>
<script>
window.watch = (url, config, clockBase) => {
  const video = document.getElementById("v");
  window.samples = [];
  window.glass = [];
  window.replayAt = null;
  // The attendee player's settings (app/_components/media/live-player-config.ts).
  const hls = new Hls({ ...config, xhrSetup: (x) => { x.withCredentials = true; } });
  // Glass to glass: the capture clock painted into the frame on show, against the clock now.
  const canvas = document.createElement("canvas");
  canvas.width = 320;
  canvas.height = 180;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const onFrame = () => {
    ctx.drawImage(video, 0, 0, 320, 180);
    const pixels = ctx.getImageData(0, 0, 320, 180).data;
    const at = (x, y) => pixels[(Math.round(y) * 320 + Math.round(x)) * 4] > 128;
    let t = 0;
    let ok = true;
    for (let i = 0; i < 24; i++) {
      const x = (i * 53 + 26) / 4;
      const bit = at(x, 220 / 4);
      if (bit === at(x, 400 / 4)) ok = false;
      if (bit) t += 2 ** i;
    }
    if (ok && !video.paused) window.glass.push({ at: Date.now(), latency: (Date.now() - clockBase - t) / 1000 });
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  hls.on(Hls.Events.LEVEL_UPDATED, (_e, d) => { if (!d.details.live && !window.replayAt) window.replayAt = Date.now(); });
  hls.loadSource(url);
  hls.attachMedia(video);
  video.play().catch(() => {});
  setInterval(() => {
    if (video.paused || !video.seekable.length || video.readyState < 3) return;
    const edge = video.seekable.end(video.seekable.length - 1);
    window.samples.push({ at: Date.now(), behind: edge - video.currentTime, latency: hls.playingDate ? (Date.now() - hls.playingDate.getTime()) / 1000 : null });
  }, 500);
};
</script>`;

const pageServer = http.createServer((req, res) => {
  const files: Record<string, string> = {
    "/socket.io.min.js": path.join(projectRoot, "node_modules/socket.io-client/dist/socket.io.min.js"),
    "/hls.min.js": path.join(projectRoot, "node_modules/hls.js/dist/hls.min.js"),
  };
  if (req.url === "/speaker" || req.url === "/viewer") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(req.url === "/speaker" ? speakerHtml : viewerHtml);
  } else if (req.url && files[req.url]) {
    res.writeHead(200, { "content-type": "text/javascript" });
    fs.createReadStream(files[req.url]!).pipe(res);
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise<void>((resolve) => pageServer.listen(pagePort, "127.0.0.1", () => resolve()));

// ───────────── run 1: Chromium, H.264 passthrough ─────────────
const executablePath = findChromium() ?? undefined;
const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-fake-device-for-media-stream=fps=30",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
  ],
});
const live = await createTalk("bench-live");
const context = await browser.newContext();
await context.addCookies(
  live.cookies.map((c) => {
    const [name, ...value] = c.split("=");
    return { name: name!, value: value.join("="), domain: "127.0.0.1", path: "/" };
  }),
);
const speaker = await context.newPage();
speaker.on("pageerror", (e) => log(`speaker page error: ${e.message}`));
await speaker.goto(`http://127.0.0.1:${pagePort}/speaker`);
const clockBase = Date.now();
await speaker.evaluate(([url, talkId, base, slice]) => (window as any).goLive(url, talkId, base, slice), [
  `http://127.0.0.1:${realtimePort}`,
  live.talk.id,
  clockBase,
  BROWSER_CHUNK_MS,
] as const);
log(`live: Chromium is publishing H.264 for ${LIVE_SECONDS} s`);

const recording = await (async () => {
  for (let i = 0; i < 200; i++) {
    const r = await prisma.recording.findUnique({ where: { talkId: live.talk.id } });
    if (r?.startedAt) return r;
    await sleep(100);
  }
  throw new Error("the talk never went live");
})();
const mediaBase = `http://127.0.0.1:${realtimePort}/media/${recording.storagePrefix}`;
const playlistUrl = `${mediaBase}/v0/index.m3u8`;

// Watch the playlist: when each segment gets listed (50 ms polling).
const listedAt: number[] = [];
const segmentEnds: number[] = [];
let ended = false;
let endlistSeenAt: number | null = null;
const poller = (async () => {
  while (!ended) {
    const response = await fetch(playlistUrl).catch(() => null);
    if (response?.ok) {
      const parsed = parseMediaPlaylist(await response.text());
      const now = Date.now();
      let total = 0;
      parsed.segments.forEach((s, i) => {
        total += s.duration;
        if (i >= listedAt.length) {
          listedAt.push(now);
          segmentEnds.push(total);
        }
      });
      if (parsed.ended) {
        endlistSeenAt = now;
        ended = true;
      }
    }
    await sleep(50);
  }
})();

const viewer = await context.newPage();
await viewer.goto(`http://127.0.0.1:${pagePort}/viewer`);
await viewer.evaluate(([url, config, base]) => (window as any).watch(url, config, base), [
  `${mediaBase}/master.m3u8`,
  LIVE_HLS_CONFIG,
  clockBase,
] as const);

// CPU of the ingest ffmpeg over the steady part of the run.
await sleep(5000);
const passPid = findIngest(live.talk.id)?.ffmpegPid;
if (!passPid) throw new Error("no ingest ffmpeg");
const passCpu0 = cpuSeconds(passPid);
const passT0 = Date.now();
await sleep(Math.max(5, LIVE_SECONDS - 5) * 1000);
const passthroughCpuPct = ((cpuSeconds(passPid) - passCpu0) / ((Date.now() - passT0) / 1000)) * 100;

const endResult = (await speaker.evaluate(() => (window as any).endTalk())) as { clickedAt: number; ackAt: number; ok: boolean };
while (!ended) await sleep(20);
await poller;
// The replay is playable once its playlist has ENDLIST and every segment it lists is served.
const replayText = await (await fetch(playlistUrl)).text();
const replay = parseMediaPlaylist(replayText);
const statuses = await Promise.all(replay.segments.map((s) => fetch(`${mediaBase}/v0/${s.uri}`, { method: "HEAD" }).then((r) => r.status)));
if (statuses.some((s) => s !== 200)) throw new Error("a replay segment is missing");
const replayReadyS = (endlistSeenAt! - endResult.clickedAt) / 1000;
await sleep(3000);
const viewerData = (await viewer.evaluate(() => ({
  samples: (window as any).samples,
  glass: (window as any).glass,
  replayAt: (window as any).replayAt,
}))) as {
  samples: { at: number; behind: number; latency: number | null }[];
  glass: { at: number; latency: number }[];
  replayAt: number | null;
};
const speakerData = (await speaker.evaluate(() => (window as any).bench)) as {
  chunks: { seq: number; sentAt: number }[];
  startedAt: number;
  error: string | null;
};
if (speakerData.error) log(`speaker saw an error: ${speakerData.error}`);

// chunk -> playlist: for each segment, the chunk holding its end is the first chunk sent after the
// recorder had recorded that much media; the delay is from that chunk leaving the browser to the
// segment being listed. The first segments (start-up) and the last (End talk) are left out.
const delays: number[] = [];
for (let i = 2; i < segmentEnds.length - 1; i++) {
  const endMs = segmentEnds[i]! * 1000;
  const chunk = speakerData.chunks.find((c) => c.sentAt - speakerData.startedAt >= endMs);
  if (chunk) delays.push((listedAt[i]! - chunk.sentAt) / 1000);
}
const chunkToPlaylistS = median(delays);
const steady = viewerData.samples.filter((s) => s.at > passT0 && s.at < endResult.clickedAt);
const liveEdgeS = median(steady.map((s) => s.behind));
const latencies = steady.map((s) => s.latency).filter((x): x is number => x !== null);
// Glass to glass over the steady part: painted capture clock read back from the shown frame.
const glass = viewerData.glass.filter((s) => s.at > passT0 && s.at < endResult.clickedAt).map((s) => s.latency);
const glassToGlassS = median(glass);
log(
  `glass to glass (browser studio, ${BROWSER_CHUNK_MS} ms slices): median ${round(glassToGlassS)} s, p90 ${round(
    [...glass].sort((a, b) => a - b)[Math.floor(glass.length * 0.9)] ?? NaN,
  )} s over ${glass.length} frames read`,
);
log(`segments listed: ${segmentEnds.length}, replay duration ${round(segmentEnds[segmentEnds.length - 1] ?? 0)} s`);
log(`chunk -> playlist: median ${round(chunkToPlaylistS)} s, max ${round(Math.max(...delays))} s over ${delays.length} segments`);
log(`player: ${round(liveEdgeS)} s behind the live edge (median of ${steady.length} samples); wall-clock latency ~${round(median(latencies))} s`);
log(
  `End talk -> ENDLIST served: ${round(replayReadyS)} s (media:end acked after ${round((endResult.ackAt - endResult.clickedAt) / 1000)} s; hls.js saw the replay after ${viewerData.replayAt ? round((viewerData.replayAt - endResult.clickedAt) / 1000) : "n/a"} s)`,
);
log(`passthrough ffmpeg: ${round(passthroughCpuPct, 1)}% of one core`);

// ───────────── run 1b: glass to glass from an encoder over RTMP ─────────────
// Frames made here carry the clock of the moment they are handed to the encoder (ffmpeg, x264
// zerolatency, a keyframe a second, as OBS would be set up), painted like the studio's canvas.
const rtmpTalk = await createTalk("bench-rtmp");
const W = 640;
const H = 360;
const encoder = spawn(
  getFfmpegPath(),
  [
    ...["-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "gray", "-s", `${W}x${H}`, "-framerate", "30", "-i", "pipe:0"],
    ...["-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"],
    ...["-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-g", "30", "-b:v", "1500k"],
    ...["-c:a", "aac", "-f", "flv", `rtmp://127.0.0.1:${rtmpPort}/live/${rtmpTalk.talk.streamKey}`],
  ],
  { stdio: ["pipe", "ignore", "inherit"] },
);
encoder.stdin.on("error", () => {});
const frame = Buffer.alloc(W * H);
const paintFrame = () => {
  const t = Date.now() - clockBase;
  frame.fill(64);
  for (let i = 0; i < 24; i++) {
    const bit = Math.floor(t / 2 ** i) % 2;
    const x0 = Math.round((i * 53 * W) / 1280);
    const x1 = Math.round(((i + 1) * 53 * W) / 1280);
    for (const [y0, y1, on] of [
      [(160 * H) / 720, (280 * H) / 720, bit],
      [(340 * H) / 720, (460 * H) / 720, 1 - bit],
    ] as const) {
      for (let y = Math.round(y0); y < Math.round(y1); y++) frame.fill(on ? 235 : 16, y * W + x0, y * W + x1);
    }
  }
  encoder.stdin.write(frame);
};
const painter = setInterval(paintFrame, 1000 / 30);
const rtmpRecording = await (async () => {
  for (let i = 0; i < 300; i++) {
    const r = await prisma.recording.findUnique({ where: { talkId: rtmpTalk.talk.id } });
    if (r?.startedAt) return r;
    await sleep(100);
  }
  throw new Error("the RTMP talk never went live");
})();
const rtmpContext = await browser.newContext();
await rtmpContext.addCookies(
  rtmpTalk.cookies.map((c) => {
    const [name, ...value] = c.split("=");
    return { name: name!, value: value.join("="), domain: "127.0.0.1", path: "/" };
  }),
);
const rtmpViewer = await rtmpContext.newPage();
await rtmpViewer.goto(`http://127.0.0.1:${pagePort}/viewer`);
await rtmpViewer.evaluate(([url, config, base]) => (window as any).watch(url, config, base), [
  `http://127.0.0.1:${realtimePort}/media/${rtmpRecording.storagePrefix}/master.m3u8`,
  LIVE_HLS_CONFIG,
  clockBase,
] as const);
await sleep(8000);
const rtmpSteadyFrom = Date.now();
await sleep(Math.max(10, LIVE_SECONDS - 10) * 1000);
const rtmpGlass = ((await rtmpViewer.evaluate(() => (window as any).glass)) as { at: number; latency: number }[])
  .filter((s) => s.at > rtmpSteadyFrom)
  .map((s) => s.latency);
const glassToGlassRtmpS = median(rtmpGlass);
log(`glass to glass (RTMP, x264 zerolatency): median ${round(glassToGlassRtmpS)} s over ${rtmpGlass.length} frames read`);
clearInterval(painter);
// The tone never ends by itself: SIGINT makes the encoder close the stream as OBS's "Stop" does.
encoder.stdin.end();
encoder.kill("SIGINT");
await new Promise((r) => encoder.on("close", r));
await browser.close();

// ───────────── run 2: 720p30 VP8 (Firefox-like) -> x264 transcode ─────────────
const source = path.join(os.tmpdir(), `plenary-bench-720p30-${TRANSCODE_SECONDS + 8}.webm`);
if (!fs.existsSync(source)) {
  log("preparing a 720p30 VP8 source…");
  const made = spawnSync(getFfmpegPath(), [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=1280x720:rate=30",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:sample_rate=48000",
    "-t",
    String(TRANSCODE_SECONDS + 8),
    "-c:v",
    "libvpx",
    "-deadline",
    "realtime",
    "-cpu-used",
    "8",
    "-b:v",
    "2500k",
    "-g",
    "30",
    "-c:a",
    "libopus",
    "-b:a",
    "96k",
    `${source}.tmp.webm`,
  ]);
  if (made.status !== 0) throw new Error(`could not make the VP8 source: ${made.stderr}`);
  fs.renameSync(`${source}.tmp.webm`, source);
}
const transcodeTalk = await createTalk("bench-transcode");
const socket = io(`http://127.0.0.1:${realtimePort}`, { transports: ["websocket"], extraHeaders: { cookie: transcodeTalk.cookies.join("; ") } });
await new Promise<void>((r) => socket.once("connect", () => r()));
const started = await socket.emitWithAck("media:publish", { talkId: transcodeTalk.talk.id, streamId: crypto.randomUUID() });
if (!started.ok) throw new Error(started.error.message);
const feeder = spawn(
  getFfmpegPath(),
  ["-hide_banner", "-loglevel", "error", "-re", "-i", source, "-c", "copy", "-f", "webm", "-live", "1", "pipe:1"],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
let pending: Buffer[] = [];
let seq = 0;
feeder.stdout.on("data", (d: Buffer) => pending.push(d));
const slicer = setInterval(() => {
  if (!pending.length) return;
  const data = Buffer.concat(pending);
  pending = [];
  socket.emit("media:chunk", { talkId: transcodeTalk.talk.id, seq: seq++, data }, () => {});
}, 1000);
await sleep(5000);
const transPid = findIngest(transcodeTalk.talk.id)?.ffmpegPid;
if (!transPid) throw new Error("no transcode ffmpeg");
const transCpu0 = cpuSeconds(transPid);
const transT0 = Date.now();
await sleep(TRANSCODE_SECONDS * 1000 - 5000);
const transcodeCpuPct = ((cpuSeconds(transPid) - transCpu0) / ((Date.now() - transT0) / 1000)) * 100;
log(`transcode ffmpeg (720p30 VP8 -> x264 veryfast 720p + AAC): ${round(transcodeCpuPct, 1)}% of one core`);
feeder.kill("SIGKILL");
clearInterval(slicer);
await socket.emitWithAck("media:end", { talkId: transcodeTalk.talk.id });
socket.disconnect();

// ───────────── run 3: the listed timeline at 30, 5 and 1 fps ─────────────
// H.264 with a keyframe a second (what Chromium sends), fed through the browser path at real-time
// pace; after End talk the playlist's total is compared with the media's own length.
const timelineErrors = await Promise.all(
  [30, 5, 1].map(async (fps) => {
    const file = path.join(os.tmpdir(), `plenary-bench-timeline-${fps}fps.mkv`);
    const made = spawnSync(getFfmpegPath(), [
      ...["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=640x360:rate=${fps}`],
      ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", String(TIMELINE_SECONDS)],
      ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-force_key_frames", "expr:gte(t,n_forced*1)"],
      ...["-c:a", "libopus", "-f", "matroska", file],
    ]);
    if (made.status !== 0) throw new Error(`could not make the ${fps} fps source: ${made.stderr}`);
    const media = (await probeMediaTimes(file))!;
    const talk = await createTalk(`bench-timeline-${fps}`);
    const client = io(`http://127.0.0.1:${realtimePort}`, { transports: ["websocket"], extraHeaders: { cookie: talk.cookies.join("; ") } });
    await new Promise<void>((r) => client.once("connect", () => r()));
    const ack = await client.emitWithAck("media:publish", { talkId: talk.talk.id, streamId: crypto.randomUUID() });
    if (!ack.ok) throw new Error(ack.error.message);
    const feed = spawn(
      getFfmpegPath(),
      ["-hide_banner", "-loglevel", "error", "-re", "-i", file, "-c", "copy", "-f", "matroska", "-live", "1", "pipe:1"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let chunks: Buffer[] = [];
    let n = 0;
    let sending = Promise.resolve();
    const flush = () => {
      if (!chunks.length) return;
      const data = Buffer.concat(chunks);
      chunks = [];
      const chunkSeq = n++;
      sending = sending.then(() => client.emitWithAck("media:chunk", { talkId: talk.talk.id, seq: chunkSeq, data }).then(() => {}));
    };
    feed.stdout.on("data", (d: Buffer) => chunks.push(d));
    const timer = setInterval(flush, BROWSER_CHUNK_MS);
    await new Promise((r) => feed.on("close", r));
    clearInterval(timer);
    flush();
    await sending;
    await client.emitWithAck("media:end", { talkId: talk.talk.id });
    client.disconnect();
    const rec = await prisma.recording.findUniqueOrThrow({ where: { talkId: talk.talk.id } });
    const text = (await getMediaStorage().readText(`${rec.storagePrefix}/v0/index.m3u8`)) ?? "";
    const listed = parseMediaPlaylist(text).segments.reduce((sum, s) => sum + s.duration, 0);
    const real = media.end - media.firstFrame;
    const errorPct = (Math.abs(listed - real) / real) * 100;
    log(`timeline at ${fps} fps: ${round(listed, 3)} s listed for ${round(real, 3)} s of media (${round(errorPct, 2)} %)`);
    return errorPct;
  }),
);
const extinfErrorPct = Math.max(...timelineErrors);

await server.close();
pageServer.close();
await prisma.$disconnect();
await db.stop();
fs.rmSync(mediaDir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    replay_ready_s: round(replayReadyS),
    chunk_to_playlist_s: round(chunkToPlaylistS),
    live_edge_s: round(liveEdgeS),
    transcode_cpu_pct: round(transcodeCpuPct, 1),
    passthrough_cpu_pct: round(passthroughCpuPct, 1),
    extinf_error_pct: round(extinfErrorPct, 2),
    glass_to_glass_s: round(glassToGlassS),
    glass_to_glass_rtmp_s: round(glassToGlassRtmpS),
  }),
);
process.exit(0);
