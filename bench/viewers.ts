/**
 * `npm run bench:viewers`: simulated HLS viewers against a live talk through the production path of
 * deploy/nginx.conf (nginx micro-cache and token check -> realtime node -> media storage), and the
 * same nginx serving the same files statically, in the same run.
 *
 *  - paced: viewers as hls.js behaves (the master playlist once, then the rendition playlist about
 *    once a second and each new segment once), at two audience sizes: request latencies and how
 *    many requests reach the realtime node (an origin counter sits between nginx and the node);
 *  - capacity: the same viewer loop without the pause, on both paths in alternating halves:
 *    completed requests a second (this process is the load generator: on a small machine it may
 *    be the limit for both, so the two figures compare, the absolutes do not).
 *
 * Last line: {"viewers","playlist_p99_ms","segment_p99_ms","origin_requests_per_s","path_rps","nginx_static_rps"}
 * Settings: BENCH_VIEWERS (200), BENCH_SECONDS (15, each paced run), BENCH_CAPACITY_SECONDS (10),
 * BENCH_CAPACITY_CONNECTIONS (200). DATABASE_URL: that PostgreSQL (else the embedded one).
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { ensureNginx } from "../scripts/ensure-tools";
import { freePorts } from "../scripts/free-port";
import { startLocalNginx } from "../scripts/nginx/local-nginx";
import { startOriginCounter } from "../scripts/nginx/origin-counter";
import { createScratchDatabase } from "./support/scratch-database";

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CAPACITY_SECONDS = Number(process.env.BENCH_CAPACITY_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CAPACITY_CONNECTIONS ?? 200);
const log = (s: string) => console.log(`[bench:viewers] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const p99 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! : NaN;
};

if (!ensureNginx()) throw new Error("bench:viewers needs nginx (apt-get install nginx)");

// ───────────── database, configuration, servers ─────────────
// DATABASE_URL's server when set, else the embedded PostgreSQL.
const { db, url: scratchUrl } = await createScratchDatabase("plenary_bench_viewers");
const dbUrl = new URL(scratchUrl);

const [proxyPort, staticPort, realtimePort, rtmpPort] = await freePorts(4);
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-bench-viewers-"));
const { overrideEnv } = await import("@/lib/config/env");
overrideEnv({
  DATABASE_URL: dbUrl.toString(),
  PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
  REALTIME_PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
  REALTIME_PORT: String(realtimePort),
  MEDIA_DIR: mediaDir,
  MEDIA_STORAGE: "local",
  RTMP_PORT: String(rtmpPort),
  RTMP_PUBLIC_URL: `rtmp://127.0.0.1:${rtmpPort}/live`,
  MEDIA_LOW_RENDITION: "off",
});
const { prisma } = await import("@/lib/db/client");
const { startRealtimeServer } = await import("@/server/realtime-server");
const { parseMediaPlaylist } = await import("@/lib/media/hls-playlist");
const { getFfmpegPath } = await import("@/server/media/ffmpeg/ffmpeg-path");

const server = await startRealtimeServer({ port: realtimePort!, host: "127.0.0.1", rtmpPort: rtmpPort! });
const origin = await startOriginCounter({ target: realtimePort! });
const proxy = await startLocalNginx({ port: proxyPort!, staticPort, realtimePorts: [origin.port], mediaDir });
log(`nginx ${proxy.url} (production path) and ${proxy.staticUrl} (static), realtime :${realtimePort}, ffmpeg ${getFfmpegPath()}`);

// A public talk in its slot, fed by an encoder over RTMP (the real ingest path).
const id = crypto.randomBytes(4).toString("hex");
const now = new Date();
const conference = await prisma.conference.create({ data: { slug: `bench-${id}`, name: "Bench", timeZone: "UTC", startsOn: now, endsOn: now } });
const stage = await prisma.stage.create({ data: { conferenceId: conference.id, slug: "main", name: "Main" } });
const talk = await prisma.talk.create({
  data: {
    conferenceId: conference.id,
    slug: "keynote",
    title: "Keynote",
    startsAt: now,
    endsAt: new Date(now.getTime() + 3600_000),
    stageId: stage.id,
    streamKey: crypto.randomBytes(16).toString("hex"),
    isPublic: true,
  },
});
const liveSeconds = 2 * SECONDS + 2 * CAPACITY_SECONDS + 60;
const encoder = spawn(
  getFfmpegPath(),
  [
    ...["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", String(liveSeconds)],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-b:v", "600k", "-pix_fmt", "yuv420p"],
    ...["-c:a", "aac", "-b:a", "64k", "-f", "flv", `rtmp://127.0.0.1:${rtmpPort}/live/${talk.streamKey}`],
  ],
  { stdio: ["ignore", "ignore", "inherit"] },
);
const recording = await (async () => {
  for (let i = 0; i < 600; i++) {
    const r = await prisma.recording.findUnique({ where: { talkId: talk.id } });
    if (r?.startedAt) return r;
    await sleep(100);
  }
  throw new Error("the talk never went live");
})();
const folder = recording.storagePrefix;

// ───────────── an HTTP client for many viewers (keep-alive, one socket per viewer) ─────────────
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(VIEWERS, CONNECTIONS) + 10 });
function get(url: string): Promise<{ status: number; body: Buffer; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** Where a viewer finds its playlist: through the production path (master first), or the file itself. */
async function renditionUrl(kind: "path" | "static"): Promise<string> {
  if (kind === "static") return `${proxy.staticUrl}/${folder}/v0/index.m3u8`;
  const master = await get(`${proxy.url}/media/${folder}/master.m3u8`);
  if (master.status !== 200) throw new Error(`master playlist: ${master.status}`);
  const line = master.body
    .toString()
    .split("\n")
    .find((l) => l.startsWith("v0/index.m3u8"));
  return `${proxy.url}/media/${folder}/${line}`;
}

type Stats = { playlistMs: number[]; segmentMs: number[]; requests: number; errors: number };

/**
 * The segments of a playlist this viewer has not fetched yet, newest last: read from the end until a
 * known one (a player only looks at what is new; parsing the whole growing playlist on every reload
 * would make this load generator, not the server, the thing measured).
 */
function freshSegments(text: string, seen: Set<string>, first: boolean): string[] {
  const lines = text.split("\n");
  const fresh: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line === "" || line.startsWith("#")) continue;
    const name = line.split("?")[0]!;
    // A player joining a live talk starts about three segments from the edge.
    if (seen.has(name) || (first && fresh.length === 3)) break;
    fresh.unshift(line);
  }
  return fresh;
}

/** One viewer as hls.js behaves: reload the playlist, fetch each segment it has not fetched yet. */
async function viewer(playlistUrl: string, until: number, pauseMs: number, stats: Stats) {
  const seen = new Set<string>();
  let first = true;
  while (Date.now() < until) {
    const began = Date.now();
    const playlist = await get(playlistUrl);
    stats.requests++;
    stats.playlistMs.push(playlist.ms);
    if (playlist.status !== 200) stats.errors++;
    else {
      const fresh = freshSegments(playlist.body.toString(), seen, first);
      first = false;
      for (const uri of fresh) {
        seen.add(uri.split("?")[0]!);
        const answer = await get(new URL(uri, playlistUrl).toString());
        stats.requests++;
        stats.segmentMs.push(answer.ms);
        if (answer.status !== 200) stats.errors++;
      }
    }
    if (pauseMs) await sleep(Math.max(0, pauseMs - (Date.now() - began)));
  }
}

async function paced(viewers: number) {
  const stats: Stats = { playlistMs: [], segmentMs: [], requests: 0, errors: 0 };
  // Everyone joins first (one master playlist each, by the session rules), then the clock starts.
  const urls = await Promise.all(Array.from({ length: viewers }, () => renditionUrl("path")));
  origin.reset();
  const startedAt = Date.now();
  const until = startedAt + SECONDS * 1000;
  // Spread over the first second, as real viewers are.
  await Promise.all(urls.map((url, i) => sleep((i / viewers) * 1000).then(() => viewer(url, until, 1000, stats))));
  const seconds = (Date.now() - startedAt) / 1000;
  const counts = { ...origin.counts };
  const result = {
    viewers,
    playlist_p99_ms: round(p99(stats.playlistMs)),
    segment_p99_ms: round(p99(stats.segmentMs)),
    origin_requests_per_s: round(origin.total() / seconds, 2),
    viewer_requests_per_s: round(stats.requests / seconds),
    errors: stats.errors,
  };
  log(`paced, ${viewers} viewers: ${JSON.stringify(result)}; at the origin: ${JSON.stringify(counts)} in ${round(seconds)} s`);
  return result;
}

async function capacity(kind: "path" | "static", seconds: number) {
  const stats: Stats = { playlistMs: [], segmentMs: [], requests: 0, errors: 0 };
  const url = await renditionUrl(kind);
  const startedAt = Date.now();
  const until = startedAt + seconds * 1000;
  await Promise.all(Array.from({ length: CONNECTIONS }, () => viewer(url, until, 0, stats)));
  const rps = stats.requests / ((Date.now() - startedAt) / 1000);
  log(
    `capacity, ${kind}: ${round(rps)} requests/s over ${CONNECTIONS} connections (${stats.errors} errors, playlist p99 ${round(p99(stats.playlistMs))} ms)`,
  );
  if (stats.errors > 0) throw new Error(`${kind}: ${stats.errors} failed requests`);
  return rps;
}

try {
  // Wait for a few segments, so viewers join a talk with a live edge.
  for (;;) {
    const response = await get(`${proxy.staticUrl}/${folder}/v0/index.m3u8`).catch(() => null);
    if (response?.status === 200 && parseMediaPlaylist(response.body.toString()).segments.length >= 4) break;
    await sleep(200);
  }
  const small = await paced(Math.max(1, Math.round(VIEWERS / 4)));
  const full = await paced(VIEWERS);
  log(`origin requests/s with ${small.viewers} viewers: ${small.origin_requests_per_s}; with ${full.viewers}: ${full.origin_requests_per_s}`);
  if (full.errors > 0 || small.errors > 0) throw new Error("paced viewers saw failed requests");
  // Alternating halves (path, static, static, path): the playlist grows during the run and the
  // machine's load drifts, so neither path gets only the better moment.
  const halves: Record<"path" | "static", number[]> = { path: [], static: [] };
  for (const kind of ["path", "static", "static", "path"] as const) halves[kind].push(await capacity(kind, CAPACITY_SECONDS / 2));
  const pathRps = (halves.path[0]! + halves.path[1]!) / 2;
  const staticRps = (halves.static[0]! + halves.static[1]!) / 2;
  log(`path/static: ${round(pathRps / staticRps, 2)}`);
  console.log(
    JSON.stringify({
      viewers: full.viewers,
      playlist_p99_ms: full.playlist_p99_ms,
      segment_p99_ms: full.segment_p99_ms,
      origin_requests_per_s: full.origin_requests_per_s,
      path_rps: Math.round(pathRps),
      nginx_static_rps: Math.round(staticRps),
    }),
  );
} finally {
  encoder.kill("SIGKILL");
  agent.destroy();
  await proxy.stop();
  await origin.close();
  await server.close();
  await prisma.$disconnect();
  fs.rmSync(mediaDir, { recursive: true, force: true });
  await db.stop();
}
process.exit(0);
