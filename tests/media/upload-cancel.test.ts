import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { deleteTalk } from "@/lib/schedule-editor/delete-talk";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { createLiveTalkSetup, waitFor } from "./support/media-fixtures";

let server: RealtimeServer;
let longVideo: Buffer;
let shortVideo: Buffer;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

function makeVideo(seconds: number, size: string): Buffer {
  const file = path.join(os.tmpdir(), `plenary-cancel-test-${crypto.randomUUID()}.mp4`);
  const made = spawnSync(getFfmpegPath(), [
    "-hide_banner",
    "-loglevel",
    "error",
    "-f",
    "lavfi",
    "-i",
    `testsrc=size=${size}:rate=25`,
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
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-movflags",
    "+faststart",
    file,
  ]);
  expect(made.status).toBe(0);
  const bytes = fs.readFileSync(file);
  fs.rmSync(file);
  return bytes;
}

beforeAll(async () => {
  server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
  // Long enough at 720p that its transcode is still running when the second action comes.
  longVideo = makeVideo(60, "1280x720");
  shortVideo = makeVideo(5, "320x180");
  process.on("unhandledRejection", onRejection);
});
afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  await server?.close();
});
beforeEach(() => {
  rejections.length = 0;
});

function upload(talkId: string, cookie: string, body: Buffer) {
  return fetch(`http://127.0.0.1:${server.port}/media/talks/${talkId}/upload?type=video%2Fmp4`, {
    method: "POST",
    headers: { "content-type": "text/plain", cookie },
    body: new Uint8Array(body),
  });
}

const folderOf = (storagePrefix: string) => path.join(process.env.MEDIA_DIR!, ...storagePrefix.split("/"));

/**
 * ffmpeg processes this test process started (its own children), by pid; with `recordingId`, only
 * those transcoding that recording's upload (a node resumes other tests' interrupted uploads at boot).
 */
function ffmpegChildren(recordingId?: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
      if (ppid !== process.pid || state === "Z") continue;
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes("plenary-upload-") && (!recordingId || cmdline.includes(recordingId))) pids.push(Number(entry));
    } catch {
      // the process went away while we looked
    }
  }
  return pids;
}

/** Waits until the first upload's transcode is really under way: segments stored, ffmpeg running. */
async function transcodeUnderWay(talkId: string) {
  const recording = await waitFor(() => prisma.recording.findUnique({ where: { talkId } }), 20_000);
  await waitFor(async () => fs.existsSync(path.join(folderOf(recording.storagePrefix), "v0")), 60_000, 50);
  const pids = await waitFor(async () => (ffmpegChildren(recording.id).length > 0 ? ffmpegChildren(recording.id) : null), 10_000, 50);
  return { recording, pids };
}

describe("an upload whose transcode is still running", () => {
  it("is cancelled by a second upload: its ffmpeg stops, its files go, the new one becomes ready, nothing escapes", async () => {
    const { talk, speaker } = await createLiveTalkSetup();
    expect((await upload(talk.id, speaker.cookie, longVideo)).status).toBe(202);
    const first = await transcodeUnderWay(talk.id);

    expect((await upload(talk.id, speaker.cookie, shortVideo)).status).toBe(202);
    const second = await waitFor(async () => {
      const row = await prisma.recording.findUnique({ where: { talkId: talk.id } });
      return row && row.id !== first.recording.id && row.status !== "PROCESSING" ? row : null;
    }, 60_000);
    expect(second).toMatchObject({ status: "READY", progress: 100 });

    // The replaced transcode is gone for good: no ffmpeg of it, no folder written after its removal.
    await new Promise((r) => setTimeout(r, 1500));
    for (const pid of first.pids) expect(ffmpegChildren()).not.toContain(pid);
    expect(fs.existsSync(folderOf(first.recording.storagePrefix))).toBe(false);
    expect(fs.existsSync(path.join(folderOf(second.storagePrefix), "v0", "vod.m3u8"))).toBe(true);
    expect(rejections).toEqual([]);
  });

  it("is cancelled when an organizer deletes the talk: ffmpeg stops, its files go, nothing escapes", async () => {
    const { conference, talk, speaker } = await createLiveTalkSetup();
    expect((await upload(talk.id, speaker.cookie, longVideo)).status).toBe(202);
    const first = await transcodeUnderWay(talk.id);

    // The web app deletes the talk (another process in production): the recording row cascades.
    await deleteTalk({ conferenceId: conference.id, talkId: talk.id });
    await waitFor(async () => (first.pids.some((pid) => ffmpegChildren().includes(pid)) ? null : true), 10_000, 100);
    await waitFor(async () => !fs.existsSync(folderOf(first.recording.storagePrefix)), 10_000, 100);
    await new Promise((r) => setTimeout(r, 1500));
    expect(fs.existsSync(folderOf(first.recording.storagePrefix))).toBe(false);
    expect(rejections).toEqual([]);
  });
});
