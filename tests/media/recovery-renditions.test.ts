import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { computeMediaOffsetMs } from "@/lib/chat/compute-media-offset";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { connectClient, createLiveTalkSetup, emitAck, readPlaylist, startWebmFeeder, waitFor } from "./support/media-fixtures";

const sockets: Socket[] = [];
const servers: RealtimeServer[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const s of servers) await s.close().catch(() => {});
});

async function feed(port: number, cookie: string, talkId: string, seconds: number) {
  const studio = await connectClient(port, cookie);
  sockets.push(studio);
  expect((await emitAck(studio, "media:publish", { talkId, streamId: crypto.randomUUID() })).ok).toBe(true);
  const feeder = startWebmFeeder({
    seconds,
    onChunk: async (data, seq) => {
      await emitAck(studio, "media:chunk", { talkId, seq, data });
    },
  });
  await feeder.done;
  return studio;
}

describe("recovery and renditions", () => {
  it("keeps the live timeline (every rendition) across a realtime server restart and resumes into it", async () => {
    const restore = overrideEnv({ MEDIA_LOW_RENDITION: "on" });
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const first = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    await feed(first.port, speaker.cookie, talk.id, 5);
    await first.close(); // the process stops mid-talk; the talk stays live
    restore(); // back to "off": a restored recording keeps its renditions anyway

    const second = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    servers.push(second);
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("LIVE");
    const before = await prisma.recordingSegment.count({ where: { recording: { talkId: talk.id } } });
    expect(before).toBeGreaterThanOrEqual(3);
    const studio = await feed(second.port, speaker.cookie, talk.id, 4);

    // Wall clock -> position in the recording, as chat stamps it while the talk is live: the
    // segments written before the restart still place an instant in their stretch of the timeline.
    const rows = await prisma.recordingSegment.findMany({ where: { recording: { talkId: talk.id } }, orderBy: { sequence: "asc" } });
    const third = rows[2]!;
    expect(await computeMediaOffsetMs({ talkId: talk.id, at: new Date(third.startedAt.getTime() + 200) })).toBe(third.offsetMs + 200);
    expect(await computeMediaOffsetMs({ talkId: talk.id, at: new Date(rows[0]!.startedAt.getTime() - 60_000) })).toBe(0);

    expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);

    const viewer = await connectClient(second.port, attendee.cookie);
    sockets.push(viewer);
    const watch = await emitAck(viewer, "media:watch", { talkId: talk.id });
    const replay = await readPlaylist(second.port, watch.media.playlistPath.replace("master.m3u8", "v0/index.m3u8"), attendee.cookie);
    expect(replay!.ended).toBe(true);
    expect(replay!.segments.length).toBeGreaterThan(before);
    expect(replay!.segments.filter((s) => s.discontinuity)).toHaveLength(1);
    expect(replay!.segments.reduce((sum, s) => sum + s.duration, 0)).toBeGreaterThan(7);
    const low = await readPlaylist(second.port, watch.media.playlistPath.replace("master.m3u8", "v1/index.m3u8"), attendee.cookie);
    expect(low!.ended).toBe(true);
    expect(low!.segments.filter((s) => s.discontinuity)).toHaveLength(1);
    expect(low!.segments.reduce((sum, s) => sum + s.duration, 0)).toBeGreaterThan(7);
  });

  it("adds a 360p rendition beside the main one in the master playlist when enabled", async () => {
    const restore = overrideEnv({ MEDIA_LOW_RENDITION: "on" });
    try {
      const { talk, speaker, attendee } = await createLiveTalkSetup();
      const server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
      servers.push(server);
      const studio = await feed(server.port, speaker.cookie, talk.id, 5);
      expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);
      const viewer = await connectClient(server.port, attendee.cookie);
      sockets.push(viewer);
      const path = (await waitFor(async () => (await emitAck(viewer, "media:watch", { talkId: talk.id })).media.playlistPath)) as string;
      const master = await readPlaylist(server.port, path, attendee.cookie);
      expect(master!.text).toContain("RESOLUTION=1280x720");
      expect(master!.text).toContain("RESOLUTION=640x360");
      for (const rendition of ["v0", "v1"]) {
        const playlist = await readPlaylist(server.port, path.replace("master.m3u8", `${rendition}/index.m3u8`), attendee.cookie);
        expect(playlist!.ended).toBe(true);
        expect(playlist!.segments.reduce((sum, s) => sum + s.duration, 0)).toBeGreaterThan(3.5);
      }
    } finally {
      restore();
    }
  });
});
