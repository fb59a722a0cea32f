import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { getTalkPageOrThrow } from "@/lib/talks/get-talk-page";
import { findIngest } from "@/server/media/ingest/ingest-registry";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { connectClient, createLiveTalkSetup, emitAck, readPlaylist, startWebmFeeder, waitFor } from "./support/media-fixtures";

let server: RealtimeServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe("End talk", () => {
  it("a talk page loaded while the last segment is still being flushed already says Ended", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const studio = await connectClient(server.port, speaker.cookie);
    const viewer = await connectClient(server.port, attendee.cookie);
    sockets.push(studio, viewer);
    expect(await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({ ok: true });
    const feeder = startWebmFeeder({
      seconds: 30,
      codec: "h264",
      size: "320x180",
      onChunk: async (data, seq) => void (await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data }).catch(() => {})),
    });
    const pageStatus = async () => (await getTalkPageOrThrow({ conferenceId: talk.conferenceId, slug: talk.slug })).status;
    await waitFor(async () => (await pageStatus()) === "LIVE", 60_000);
    feeder.stop();
    await feeder.done;

    // The flush of the last segment is held up (a slow ffmpeg on a loaded machine, frozen here)...
    const ffmpeg = findIngest(talk.id)!.ffmpegPid!;
    process.kill(ffmpeg, "SIGSTOP");
    try {
      const ending = emitAck(studio, "media:end", { talkId: talk.id }, 30_000).catch((error: Error) => ({ ok: false, error: error.message }));
      // ...and a page loaded meanwhile reads the talk as ended, not live.
      await waitFor(async () => (await pageStatus()) === "ENDED", 3_500, 50);
      process.kill(ffmpeg, "SIGCONT");
      expect(await ending).toMatchObject({ ok: true });
    } finally {
      try {
        process.kill(ffmpeg, "SIGCONT");
      } catch {}
    }
    const media = await emitAck(viewer, "media:watch", { talkId: talk.id });
    const replay = await readPlaylist(server.port, media.media.playlistPath.replace("master.m3u8", "v0/index.m3u8"), attendee.cookie);
    expect(replay!.ended).toBe(true);
    expect(media.media).toMatchObject({ status: "ENDED", recordingStatus: "ENDED" });
  }, 120_000);
});
