import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { parseMediaPlaylist } from "@/lib/media/hls-playlist";
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

describe("blocking playlist reload", () => {
  it("answers _HLS_msn when that segment is listed, with tokens on its segments, and refuses bad directives", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const studio = await connectClient(server.port, speaker.cookie);
    const viewer = await connectClient(server.port, attendee.cookie);
    sockets.push(studio, viewer);
    expect((await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).ok).toBe(true);
    const feeder = startWebmFeeder({
      seconds: 10,
      codec: "h264",
      onChunk: async (data, seq) => {
        await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data });
      },
    });
    const master = await waitFor(async () => {
      const ack = await emitAck(viewer, "media:watch", { talkId: talk.id });
      return ack.ok && ack.media.playlistPath ? (ack.media.playlistPath as string) : null;
    }, 40_000);
    const mediaPath = master.replace("master.m3u8", "v0/index.m3u8");
    const now = (await readPlaylist(server.port, mediaPath, attendee.cookie))!;
    expect(now.text).toContain("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES");
    const next = now.segments.length;

    // Asking for the next segment: the answer comes once it is listed (not the playlist as it is now).
    const blocked = (await readPlaylist(server.port, `${mediaPath}?_HLS_msn=${next}`, attendee.cookie))!;
    expect(blocked.segments.length).toBeGreaterThan(next);
    // Its segments carry the access token and play.
    const uri = blocked.segments[next]!.uri;
    expect(uri).toMatch(/\?token=/);
    expect((await fetch(`http://127.0.0.1:${server.port}${mediaPath.replace("index.m3u8", uri)}`)).status).toBe(200);

    for (const query of [`_HLS_msn=${next + 10}`, "_HLS_msn=soon", "_HLS_part=0", "_HLS_msn=-1"]) {
      const response = await fetch(`http://127.0.0.1:${server.port}${mediaPath}?${query}`, { headers: { cookie: attendee.cookie } });
      expect(response.status, query).toBe(400);
    }

    await feeder.done;
    expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);
    // Ended: the replay is answered at once whatever segment is asked for, and no longer offers blocking.
    const replay = (await readPlaylist(server.port, mediaPath, attendee.cookie))!;
    const ended = await fetch(`http://127.0.0.1:${server.port}${mediaPath}?_HLS_msn=${replay.segments.length}`, {
      headers: { cookie: attendee.cookie },
    });
    const text = await ended.text();
    expect(parseMediaPlaylist(text).ended).toBe(true);
    expect(text).not.toContain("CAN-BLOCK-RELOAD");
  });
});
