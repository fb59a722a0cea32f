import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
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

async function client(cookie?: string) {
  const socket = await connectClient(server.port, cookie);
  sockets.push(socket);
  return socket;
}

async function playlistPathOf(socket: Socket, talkId: string): Promise<string> {
  return waitFor(async () => {
    const ack = await emitAck(socket, "media:watch", { talkId });
    return ack.ok && ack.media.playlistPath ? (ack.media.playlistPath as string) : null;
  });
}

describe("browser ingest", () => {
  it("turns a WebM fed at real-time pace into a growing EVENT playlist that ends with ENDLIST", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const studio = await client(speaker.cookie);
    const viewer = await client(attendee.cookie);
    expect((await emitAck(viewer, "talk:join", { talkId: talk.id })).ok).toBe(true);
    const statuses: string[] = [];
    viewer.on("talk:status", (e: { status: string }) => statuses.push(e.status));

    const start = await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() });
    expect(start).toMatchObject({ ok: true, resumed: false });

    const acks: boolean[] = [];
    const feeder = startWebmFeeder({
      seconds: 8,
      onChunk: async (data, seq) => {
        const ack = await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data });
        acks.push(ack.ok);
      },
    });

    const path = await playlistPathOf(viewer, talk.id);
    expect(path).toMatch(/^\/media\/talks\/.+\/master\.m3u8$/);
    const master = await readPlaylist(server.port, path, attendee.cookie);
    expect(master!.text).toContain("#EXT-X-STREAM-INF");
    const mediaPath = path.replace("master.m3u8", "v0/index.m3u8");

    // The playlist grows while the talk is live, never with ENDLIST: read it until it has grown
    // (waiting for the growth, not for a number of seconds: a loaded machine segments later).
    const counts: number[] = [];
    await waitFor(
      async () => {
        const live = await readPlaylist(server.port, mediaPath, attendee.cookie);
        expect(live!.ended).toBe(false);
        expect(live!.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
        expect(live!.headers.get("cache-control")).toBe("no-cache");
        expect(live!.text).toContain("#EXT-X-PLAYLIST-TYPE:EVENT");
        expect(live!.text).toContain("#EXT-X-INDEPENDENT-SEGMENTS");
        expect(live!.text).toContain("#EXT-X-PROGRAM-DATE-TIME:");
        counts.push(live!.segments.length);
        return counts.at(-1)! > counts[0]!;
      },
      30_000,
      300,
    );
    expect(counts.at(-1)!).toBeGreaterThan(counts[0]!);
    expect(await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).toMatchObject({ status: "LIVE" });

    await feeder.done;
    expect(acks.every(Boolean)).toBe(true);
    const ended = await emitAck(studio, "media:end", { talkId: talk.id });
    expect(ended.ok).toBe(true);

    const replay = await readPlaylist(server.port, mediaPath, attendee.cookie);
    expect(replay!.ended).toBe(true);
    expect(replay!.targetDuration).toBeLessThanOrEqual(2);
    for (const segment of replay!.segments) expect(segment.duration).toBeLessThanOrEqual(replay!.targetDuration);
    const total = replay!.segments.reduce((sum, s) => sum + s.duration, 0);
    expect(total).toBeGreaterThan(6.5);
    expect(total).toBeLessThan(9.5);

    const segment = await fetch(`http://127.0.0.1:${server.port}${mediaPath.replace("index.m3u8", replay!.segments[0]!.uri)}`);
    expect(segment.status).toBe(200);
    expect(segment.headers.get("content-type")).toBe("video/mp2t");
    expect(segment.headers.get("cache-control")).toContain("immutable");
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    // The media timeline is stored: one row per segment, offsets adding up.
    const rows = await prisma.recordingSegment.findMany({ where: { recording: { talkId: talk.id } }, orderBy: { sequence: "asc" } });
    expect(rows).toHaveLength(replay!.segments.length);
    expect(rows[1]!.offsetMs).toBe(rows[0]!.durationMs);
    expect(await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).toMatchObject({ status: "ENDED" });
    expect(await prisma.recording.findUniqueOrThrow({ where: { talkId: talk.id } })).toMatchObject({ status: "ENDED" });
    await waitFor(async () => statuses.includes("ENDED"));
    expect(statuses).toEqual(["LIVE", "ENDED"]);
  });

  it("restarts a killed ffmpeg: the playlist continues after a discontinuity and still ends with ENDLIST", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const studio = await client(speaker.cookie);
    await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() });
    const feeder = startWebmFeeder({
      seconds: 12,
      onChunk: async (data, seq) => {
        await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data });
      },
    });
    const viewer = await client(attendee.cookie);
    const mediaPath = (await playlistPathOf(viewer, talk.id)).replace("master.m3u8", "v0/index.m3u8");
    const before = await waitFor(async () => {
      const p = await readPlaylist(server.port, mediaPath, attendee.cookie);
      return p && p.segments.length >= 3 ? p : null;
    });
    const ingest = findIngest(talk.id)!;
    const killedPid = ingest.ffmpegPid!;
    process.kill(killedPid, "SIGKILL");

    const after = await waitFor(async () => {
      const p = await readPlaylist(server.port, mediaPath, attendee.cookie);
      return p && p.segments.some((s) => s.discontinuity) && p.segments.length >= before.segments.length + 3 ? p : null;
    });
    expect(ingest.ffmpegPid).not.toBe(killedPid);
    // Nothing listed before the kill is lost.
    // (Their URIs without the access token, which is renewed now and then.)
    const file = (s: { uri: string }) => s.uri.split("?")[0];
    expect(after.segments.slice(0, before.segments.length).map(file)).toEqual(before.segments.map(file));
    expect(after.text).toContain("#EXT-X-DISCONTINUITY\n");

    await feeder.done;
    expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);
    const replay = await readPlaylist(server.port, mediaPath, attendee.cookie);
    expect(replay!.ended).toBe(true);
    expect(ingest.health().restarts).toBe(1);
    const rows = await prisma.recordingSegment.findMany({ where: { recording: { talkId: talk.id } } });
    expect(rows.filter((r) => r.discontinuity)).toHaveLength(1);
  });

  it("resumes into the same talk when the speaker's connection drops and comes back", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const streamId = crypto.randomUUID();
    let studio = await client(speaker.cookie);
    await emitAck(studio, "media:publish", { talkId: talk.id, streamId });
    let dropped = false;
    const feeder = startWebmFeeder({
      seconds: 8,
      onChunk: async (data, seq) => {
        if (seq === 3 && !dropped) {
          // The connection drops; a new socket comes back and resumes the same MediaRecorder stream.
          dropped = true;
          studio.disconnect();
          studio = await client(speaker.cookie);
          const resumed = await emitAck(studio, "media:publish", { talkId: talk.id, streamId });
          expect(resumed).toMatchObject({ ok: true, resumed: true });
        }
        const ack = await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data });
        expect(ack.ok).toBe(true);
      },
    });
    await feeder.done;
    expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);
    const viewer = await client(attendee.cookie);
    const mediaPath = (await playlistPathOf(viewer, talk.id)).replace("master.m3u8", "v0/index.m3u8");
    const replay = await readPlaylist(server.port, mediaPath, attendee.cookie);
    expect(replay!.ended).toBe(true);
    expect(replay!.segments.some((s) => s.discontinuity)).toBe(false);
    expect(replay!.segments.reduce((sum, s) => sum + s.duration, 0)).toBeGreaterThan(6.5);
  });

  it("refuses non-speakers, a second publisher and garbage, without affecting other talks", { timeout: 120_000 }, async () => {
    const { talk, otherTalk, speaker, stranger, conference } = await createLiveTalkSetup();
    const anonymous = await client();
    expect(await emitAck(anonymous, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: { code: "UNAUTHENTICATED" },
    });
    const outsider = await client(stranger.cookie);
    expect(await emitAck(outsider, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await emitAck(outsider, "media:chunk", { talkId: talk.id, seq: 0, data: Buffer.from("hello") })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });

    const studio = await client(speaker.cookie);
    expect((await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).ok).toBe(true);
    const secondTab = await client(speaker.cookie);
    expect(await emitAck(secondTab, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });

    // Bytes that are not WebM at all are refused at once.
    expect(await emitAck(studio, "media:chunk", { talkId: talk.id, seq: 0, data: crypto.randomBytes(5000) })).toMatchObject({
      ok: false,
      error: { code: "UNSUPPORTED_MEDIA" },
    });
    // WebM-looking garbage reaches ffmpeg, which cannot read it: the speaker gets an error event.
    const failed = new Promise<{ message: string }>((resolve) => studio.once("media:ingest-error", resolve));
    const fake = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3]),
      crypto.randomBytes(3000),
      Buffer.from([0x1f, 0x43, 0xb6, 0x75]),
      crypto.randomBytes(3000),
    ]);
    expect((await emitAck(studio, "media:chunk", { talkId: talk.id, seq: 1, data: fake })).ok).toBe(true);
    let gaveUp = false;
    void failed.then(() => (gaveUp = true));
    for (let seq = 2; seq < 200 && !gaveUp; seq++) {
      const junk = Buffer.concat([Buffer.from([0x1f, 0x43, 0xb6, 0x75]), crypto.randomBytes(20_000)]);
      const ack = await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data: junk });
      if (!ack.ok) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect((await failed).message).toMatch(/could not read your stream/);

    // The server is fine and another talk goes live normally.
    const organizerOfOther = await createOrganizer(conference.id);
    const otherStudio = await client(organizerOfOther);
    expect((await emitAck(otherStudio, "media:publish", { talkId: otherTalk.id, streamId: crypto.randomUUID() })).ok).toBe(true);
    const feeder = startWebmFeeder({
      seconds: 4,
      onChunk: async (data, seq) => {
        await emitAck(otherStudio, "media:chunk", { talkId: otherTalk.id, seq, data });
      },
    });
    await feeder.done;
    expect(await emitAck(otherStudio, "media:end", { talkId: otherTalk.id })).toMatchObject({ ok: true });
    expect((await prisma.recording.findUniqueOrThrow({ where: { talkId: otherTalk.id } })).durationMs).toBeGreaterThan(2500);
  });
});

async function createOrganizer(conferenceId: string) {
  const { createUser } = await import("../support/fixtures");
  return (await createUser({ conferenceId, role: "ORGANIZER" })).cookie;
}
