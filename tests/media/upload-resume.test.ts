import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { uploadSourceDir, uploadSourcePath } from "@/server/media/upload-transcodes";
import { createLiveTalkSetup, waitFor } from "./support/media-fixtures";

// Long enough that a transcode is still running when the node stops right after the upload.
let video: Buffer;
const servers: RealtimeServer[] = [];

beforeAll(() => {
  const file = path.join(os.tmpdir(), `plenary-resume-test-${crypto.randomUUID()}.mp4`);
  const made = spawnSync(getFfmpegPath(), [
    ...[
      "-hide_banner",
      "-loglevel",
      "error",
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=320x180:rate=25",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:sample_rate=48000",
    ],
    ...["-t", "60", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", file],
  ]);
  expect(made.status).toBe(0);
  video = fs.readFileSync(file);
  fs.rmSync(file);
});
afterAll(async () => {
  for (const server of servers) await server.close().catch(() => {});
});

async function boot() {
  const server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
  servers.push(server);
  return server;
}

const recordingOf = (talkId: string) => prisma.recording.findUniqueOrThrow({ where: { talkId } });
const readyOrFailed = (talkId: string) =>
  waitFor(async () => {
    const row = await recordingOf(talkId);
    return row.status !== "PROCESSING" ? row : null;
  }, 180_000);

/**
 * What a node killed mid-transcode leaves: the recording PROCESSING and the upload kept.
 * `heldBy`: a live node that holds its claim from before the row exists (other test files boot
 * nodes that resume unclaimed uploads at any moment).
 */
async function interruptedUpload(options: { keepFile: boolean; heldBy?: pg.Client }) {
  const setup = await createLiveTalkSetup();
  const id = `crec${crypto.randomBytes(10).toString("hex")}`;
  if (options.heldBy) await options.heldBy.query("SELECT pg_advisory_lock(hashtext('plenary:transcode'), hashtext($1))", [id]);
  const recording = await prisma.recording.create({
    data: {
      id,
      talkId: setup.talk.id,
      source: "UPLOAD",
      status: "PROCESSING",
      progress: 35,
      storagePrefix: `talks/${setup.talk.id}/${crypto.randomBytes(8).toString("hex")}`,
    },
  });
  fs.mkdirSync(uploadSourceDir(), { recursive: true });
  if (options.keepFile) fs.writeFileSync(uploadSourcePath(recording.id, "mp4"), video);
  return { ...setup, recording };
}

describe("upload transcodes interrupted by a restart", () => {
  it("a transcode stopped by a restart of the node starts again when it is back, and finishes", async () => {
    const { talk, speaker } = await createLiveTalkSetup();
    const first = await boot();
    const res = await fetch(`http://127.0.0.1:${first.port}/media/talks/${talk.id}/upload?type=video%2Fmp4`, {
      method: "POST",
      headers: { "content-type": "text/plain", cookie: speaker.cookie },
      body: new Uint8Array(video),
    });
    expect(res.status).toBe(202);
    const { recordingId } = (await res.json()) as { recordingId: string };
    await first.close();
    // Interrupted: still processing, and the upload is kept for the next start.
    expect(await recordingOf(talk.id)).toMatchObject({ id: recordingId, status: "PROCESSING" });
    expect(fs.existsSync(uploadSourcePath(recordingId, "mp4"))).toBe(true);

    await boot();
    const done = await readyOrFailed(talk.id);
    expect(done).toMatchObject({ id: recordingId, status: "READY", progress: 100, error: null });
    expect(await prisma.recordingSegment.count({ where: { recordingId } })).toBeGreaterThan(10);
    // Done with it: the upload is removed.
    await waitFor(async () => !fs.existsSync(uploadSourcePath(recordingId, "mp4")));
  });

  it("after a crash, a booting node resumes the uploads nobody holds, leaves the one another node is transcoding, and fails one whose file is gone", async () => {
    // Another live node is transcoding one of them: it holds the claim.
    const otherNode = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await otherNode.connect();
    try {
      const orphan = await interruptedUpload({ keepFile: true });
      const elsewhere = await interruptedUpload({ keepFile: true, heldBy: otherNode });
      const lost = await interruptedUpload({ keepFile: false });
      await boot();
      expect(await readyOrFailed(orphan.talk.id)).toMatchObject({ status: "READY", progress: 100 });
      expect(await readyOrFailed(lost.talk.id)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/upload it again/i) });
      // Untouched: still the other node's.
      expect(await recordingOf(elsewhere.talk.id)).toMatchObject({ status: "PROCESSING", progress: 35 });
      expect(await prisma.recordingSegment.count({ where: { recordingId: elsewhere.recording.id } })).toBe(0);
      expect(fs.existsSync(uploadSourcePath(elsewhere.recording.id, "mp4"))).toBe(true);
    } finally {
      await otherNode.end();
    }
  });
});
