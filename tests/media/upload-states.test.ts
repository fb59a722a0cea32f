import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { connectClient, createLiveTalkSetup, emitAck, waitFor } from "./support/media-fixtures";

let server: RealtimeServer;
let video: Buffer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
  // No +faststart: the MP4's index (moov) sits at the end, as most editors export it.
  const file = path.join(os.tmpdir(), `plenary-states-test-${crypto.randomUUID()}.mp4`);
  const made = spawnSync(getFfmpegPath(), [
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
    "-t",
    "5",
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
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

function upload(talkId: string, cookie: string, body: Buffer) {
  return fetch(`http://127.0.0.1:${server.port}/media/talks/${talkId}/upload?type=video%2Fmp4`, {
    method: "POST",
    headers: { "content-type": "text/plain", cookie },
    body: new Uint8Array(body),
  });
}

/** A page in the talk's room: it is told when the recording changes and then asks for the media state. */
async function openTalkPage(talkId: string, cookie: string) {
  const socket = await connectClient(server.port, cookie);
  sockets.push(socket);
  expect((await emitAck(socket, "talk:join", { talkId })).ok).toBe(true);
  const changes: unknown[] = [];
  socket.on("recording:changed", (event) => changes.push(event));
  const media = async () => (await emitAck(socket, "media:watch", { talkId })).media;
  return { changes, media };
}

describe("an upload's processing state, pushed to the talk's pages", () => {
  it("a truncated MP4 fails with a reason the speaker can act on, and the page is told", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const studio = await openTalkPage(talk.id, speaker.cookie);
    const audience = await openTalkPage(talk.id, attendee.cookie);
    expect((await upload(talk.id, speaker.cookie, video.subarray(0, Math.floor(video.length / 2)))).status).toBe(202);

    const failed = await waitFor(async () => {
      const media = await studio.media();
      return media.recordingStatus === "FAILED" ? media : null;
    }, 30_000);
    expect(failed).toMatchObject({ source: "UPLOAD", playlistPath: null, lateByMs: null });
    expect(failed.error).toMatch(/incomplete/i);
    expect(failed.error).toMatch(/upload/i);
    // Pushed, not only polled: the page was told when processing started and when it failed.
    await waitFor(async () => studio.changes.length >= 2 && audience.changes.length >= 2);
    expect(await audience.media()).toMatchObject({ recordingStatus: "FAILED", error: failed.error });
  });

  it("an upload that finishes after the slot started is marked late, by how much", async () => {
    const { talk, speaker } = await createLiveTalkSetup();
    const startsAt = new Date(Date.now() - 20_000);
    await prisma.talk.update({ where: { id: talk.id }, data: { startsAt } });
    const studio = await openTalkPage(talk.id, speaker.cookie);
    expect((await upload(talk.id, speaker.cookie, video)).status).toBe(202);
    const ready = await waitFor(async () => {
      const media = await studio.media();
      return media.recordingStatus === "READY" ? media : null;
    }, 30_000);
    const recording = await prisma.recording.findUniqueOrThrow({ where: { talkId: talk.id } });
    expect(recording.readyAt!.getTime()).toBeGreaterThan(startsAt.getTime() + 20_000);
    expect(ready.readyAt).toBe(recording.readyAt!.toISOString());
    expect(ready.lateByMs).toBe(recording.readyAt!.getTime() - startsAt.getTime());
  });

  it("an upload ready before the start is not late", async () => {
    const { talk, speaker } = await createLiveTalkSetup();
    const studio = await openTalkPage(talk.id, speaker.cookie);
    expect((await upload(talk.id, speaker.cookie, video)).status).toBe(202);
    const ready = await waitFor(async () => {
      const media = await studio.media();
      return media.recordingStatus === "READY" ? media : null;
    }, 30_000);
    expect(ready).toMatchObject({ progress: 100, lateByMs: null, error: null });
    expect(ready.readyAt).not.toBeNull();
  });
});
