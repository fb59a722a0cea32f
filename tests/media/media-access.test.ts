import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { claimOverdueLiveTalks } from "@/lib/media/claim-overdue-live-talks";
import { signMediaToken } from "@/lib/media/media-token";
import { deleteTalk } from "@/lib/schedule-editor/delete-talk";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { createUser } from "../support/fixtures";
import { connectClient, createLiveTalkSetup, emitAck, readPlaylist, startWebmFeeder, waitFor } from "./support/media-fixtures";

let server: RealtimeServer;
let restoreEnv: () => void;
const sockets: Socket[] = [];

beforeAll(async () => {
  // The auto-end clock sweeps often here, with no grace: the test waits for its event, not for minutes.
  restoreEnv = overrideEnv({ TALK_AUTO_END_GRACE_MINUTES: "0", TALK_AUTO_END_IDLE_SECONDS: "10", TALK_AUTO_END_SWEEP_SECONDS: "0.5" });
  server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
  restoreEnv?.();
});

async function client(cookie?: string) {
  const socket = await connectClient(server.port, cookie);
  sockets.push(socket);
  return socket;
}

const url = (pathname: string) => `http://127.0.0.1:${server.port}${pathname}`;
const folderOf = (storagePrefix: string) => path.join(process.env.MEDIA_DIR!, ...storagePrefix.split("/"));

/** Publishes `seconds` of test video from the studio socket into the talk (mode "live" or "test"). */
async function stream(studio: Socket, talkId: string, seconds: number, mode: "live" | "test" = "live") {
  const start = await emitAck(studio, "media:publish", { talkId, streamId: crypto.randomUUID(), mode });
  expect(start).toMatchObject({ ok: true });
  const feeder = startWebmFeeder({
    seconds,
    onChunk: async (data, seq) => {
      await emitAck(studio, "media:chunk", { talkId, seq, data });
    },
  });
  await feeder.done;
}

async function mediaPathOf(socket: Socket, talkId: string): Promise<string> {
  return waitFor(async () => {
    const ack = await emitAck(socket, "media:watch", { talkId });
    return ack.ok && ack.media.playlistPath ? (ack.media.playlistPath as string).replace("master.m3u8", "v0/index.m3u8") : null;
  });
}

describe("media access", () => {
  it("serves a ticket-only talk's segments only with the talk's unexpired token, which its playlist gives them", async () => {
    const { talk, otherTalk, speaker, attendee } = await createLiveTalkSetup();
    const studio = await client(speaker.cookie);
    await stream(studio, talk.id, 4);
    expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);

    const mediaPath = await mediaPathOf(await client(attendee.cookie), talk.id);
    // Anonymous: no playlist.
    expect((await fetch(url(mediaPath))).status).toBe(401);
    const replay = (await readPlaylist(server.port, mediaPath, attendee.cookie))!;
    expect(replay.ended).toBe(true);
    const uri = replay.segments[0]!.uri;
    expect(uri).toMatch(/^\d+\.ts\?token=\d+\.[A-Za-z0-9_-]{32}$/);
    const segmentPath = mediaPath.replace("index.m3u8", uri.split("?")[0]!);

    // The bare segment path, the way it could be guessed or shared, is refused with a reason.
    const bare = await fetch(url(segmentPath));
    expect(bare.status).toBe(403);
    expect((await bare.json()).error.message).toMatch(/access token/);

    // With the playlist's token anyone (a CDN, no cookie) gets it.
    const withToken = await fetch(url(mediaPath.replace("index.m3u8", uri)));
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("content-type")).toBe("video/mp2t");
    expect((await withToken.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    // Expired, another talk's, or forged: refused.
    const expired = signMediaToken({ talkId: talk.id, expiresAt: new Date(Date.now() - 1000) });
    const expiredAnswer = await fetch(url(`${segmentPath}?token=${expired}`));
    expect(expiredAnswer.status).toBe(403);
    expect((await expiredAnswer.json()).error.message).toMatch(/expired/);
    const otherTalks = signMediaToken({ talkId: otherTalk.id });
    expect((await fetch(url(`${segmentPath}?token=${otherTalks}`))).status).toBe(403);
    const [expiry] = signMediaToken({ talkId: talk.id }).split(".");
    expect((await fetch(url(`${segmentPath}?token=${expiry}.${"A".repeat(32)}`))).status).toBe(403);
    expect((await fetch(url(`${segmentPath}?token=nonsense`))).status).toBe(403);
  });

  it("deletes a talk's media with the talk: its files are gone and its media URLs answer 404", async () => {
    const { conference, talk, speaker, attendee } = await createLiveTalkSetup();
    const studio = await client(speaker.cookie);
    await stream(studio, talk.id, 3);
    expect((await emitAck(studio, "media:end", { talkId: talk.id })).ok).toBe(true);
    const mediaPath = await mediaPathOf(await client(attendee.cookie), talk.id);
    const replay = (await readPlaylist(server.port, mediaPath, attendee.cookie))!;
    const segmentUrl = url(mediaPath.replace("index.m3u8", replay.segments[0]!.uri));
    expect((await fetch(segmentUrl)).status).toBe(200);
    const { storagePrefix } = await prisma.recording.findUniqueOrThrow({ where: { talkId: talk.id } });
    expect(fs.existsSync(folderOf(storagePrefix))).toBe(true);

    await deleteTalk({ conferenceId: conference.id, talkId: talk.id });

    expect(fs.existsSync(folderOf(`talks/${talk.id}`))).toBe(false);
    expect((await fetch(segmentUrl)).status).toBe(404);
    expect((await fetch(url(mediaPath), { headers: { cookie: attendee.cookie } })).status).toBe(404);
  });

  it("refuses a speaker going live days before the slot, with the reason; an organizer may", async () => {
    const { conference, talk, speaker } = await createLiveTalkSetup();
    const inThreeDays = new Date(Date.now() + 3 * 24 * 3600_000);
    await prisma.talk.update({ where: { id: talk.id }, data: { startsAt: inThreeDays, endsAt: new Date(inThreeDays.getTime() + 1800_000) } });
    const studio = await client(speaker.cookie);
    const refused = await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() });
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(refused.error.message).toMatch(/15 minutes before your slot.*private test stream.*organizer/s);
    expect(await prisma.recording.findUnique({ where: { talkId: talk.id } })).toBeNull();

    const organizer = await createUser({ conferenceId: conference.id, role: "ORGANIZER" });
    const desk = await client(organizer.cookie);
    await stream(desk, talk.id, 3);
    await waitFor(async () => (await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status === "LIVE");
    expect((await emitAck(desk, "media:end", { talkId: talk.id })).ok).toBe(true);
  });

  it("keeps a speaker's test stream private (no LIVE for attendees, no playlist) and throws it away on discard", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const inTwoDays = new Date(Date.now() + 2 * 24 * 3600_000);
    await prisma.talk.update({ where: { id: talk.id }, data: { startsAt: inTwoDays, endsAt: new Date(inTwoDays.getTime() + 1800_000) } });
    const viewer = await client(attendee.cookie);
    expect((await emitAck(viewer, "talk:join", { talkId: talk.id })).ok).toBe(true);
    const statuses: string[] = [];
    viewer.on("talk:status", (e: { status: string }) => statuses.push(e.status));

    const studio = await client(speaker.cookie);
    await stream(studio, talk.id, 4, "test");

    // The speaker previews it...
    const preview = await waitFor(async () => {
      const ack = await emitAck(studio, "media:watch", { talkId: talk.id });
      return ack.ok && ack.media.playlistPath ? ack.media : null;
    });
    expect(preview).toMatchObject({ isTest: true, status: "SCHEDULED", recordingStatus: "LIVE" });
    const mediaPath = (preview.playlistPath as string).replace("master.m3u8", "v0/index.m3u8");
    // The playlist appears with its first segment; on a loaded machine the next ones follow later.
    const seen = await waitFor(async () => {
      const playlist = await readPlaylist(server.port, mediaPath, speaker.cookie);
      return playlist && playlist.segments.length > 1 ? playlist : null;
    }, 60_000);
    expect(seen.segments.length).toBeGreaterThan(1);
    // ...attendees do not know it exists.
    expect((await emitAck(viewer, "media:watch", { talkId: talk.id })).media).toMatchObject({
      status: "SCHEDULED",
      playlistPath: null,
      recordingStatus: null,
      isTest: false,
    });
    expect((await fetch(url(mediaPath), { headers: { cookie: attendee.cookie } })).status).toBe(404);
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("SCHEDULED");
    // A test is not a talk to end, and going live means throwing the test away first.
    expect(await emitAck(studio, "media:end", { talkId: talk.id })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });

    const { storagePrefix } = await prisma.recording.findUniqueOrThrow({ where: { talkId: talk.id } });
    expect(fs.existsSync(folderOf(storagePrefix))).toBe(true);
    expect(await emitAck(studio, "media:discard-test", { talkId: talk.id })).toMatchObject({ ok: true, discarded: true });
    expect(await prisma.recording.findUnique({ where: { talkId: talk.id } })).toBeNull();
    expect(fs.existsSync(folderOf(storagePrefix))).toBe(false);
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("SCHEDULED");
    expect((await emitAck(studio, "media:watch", { talkId: talk.id })).media).toMatchObject({ playlistPath: null, isTest: false });
    expect(statuses).toEqual([]);
    // Nothing final about it: the speaker can test again.
    expect((await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID(), mode: "test" })).ok).toBe(true);
    expect(await emitAck(studio, "media:discard-test", { talkId: talk.id })).toMatchObject({ ok: true });
  });

  it("ends a talk left live after its slot and grace once no media arrives, with its replay", async () => {
    const { talk, speaker, attendee } = await createLiveTalkSetup();
    const viewer = await client(attendee.cookie);
    expect((await emitAck(viewer, "talk:join", { talkId: talk.id })).ok).toBe(true);
    const ended = new Promise<void>((resolve) => viewer.on("talk:status", (e: { status: string }) => e.status === "ENDED" && resolve()));
    const studio = await client(speaker.cookie);
    const start = await emitAck(studio, "media:publish", { talkId: talk.id, streamId: crypto.randomUUID() });
    expect(start.ok).toBe(true);
    let sent = 0;
    const feeder = startWebmFeeder({
      seconds: 4,
      onChunk: async (data, seq) => {
        await emitAck(studio, "media:chunk", { talkId: talk.id, seq, data });
        sent++;
      },
    });
    await waitFor(async () => (await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status === "LIVE");
    // The slot is over (grace 0 here) but media still arrives: the speaker is not cut off.
    await prisma.talk.update({ where: { id: talk.id }, data: { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() - 60_000) } });
    await feeder.done;
    expect(sent).toBeGreaterThan(2);
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("LIVE");
    // The speaker walks away without pressing End: the clock ends it (the talk at once, its recording once the last segment is in).
    await ended;
    const recording = await waitFor(async () => {
      const found = await prisma.recording.findUniqueOrThrow({ where: { talkId: talk.id } });
      return found.status !== "LIVE" ? found : null;
    });
    expect(recording).toMatchObject({ status: "ENDED" });
    expect(recording.durationMs).toBeGreaterThan(0);
    const replay = (await readPlaylist(server.port, `/media/${recording.storagePrefix}/v0/index.m3u8`, attendee.cookie))!;
    expect(replay.ended).toBe(true);
  });

  it("lets exactly one of several sweeping nodes claim an overdue talk", async () => {
    const { conference, talk } = await createLiveTalkSetup();
    // Overdue only for a clock an hour ahead: this server's own sweeper leaves it alone.
    await prisma.talk.update({ where: { id: talk.id }, data: { status: "LIVE" } });
    const later = new Date(Date.now() + 3 * 3600_000);
    const claims = await Promise.all([1, 2, 3].map(() => claimOverdueLiveTalks({ now: later, conferenceId: conference.id })));
    expect(claims.flat().filter((id) => id === talk.id)).toHaveLength(1);
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).status).toBe("ENDED");
  });
});
