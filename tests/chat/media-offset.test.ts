import { describe, expect, it, beforeAll } from "vitest";
import { prisma } from "@/lib/db/client";
import { computeMediaOffsetMs } from "@/lib/chat/compute-media-offset";
import { createConference } from "../support/fixtures";

// Where a live talk's recording is at a wall-clock instant: what chat stamps on each message so
// a replay shows it at the same spot in the video.
describe("media offset of a chat message", () => {
  let fx: Awaited<ReturnType<typeof createConference>>;
  const t0 = new Date("2026-06-10T10:00:00Z").getTime();
  const at = (ms: number) => new Date(t0 + ms);
  let recordingId: string;

  beforeAll(async () => {
    fx = await createConference();
    const talkId = fx.talks.webTalk.id;
    recordingId = (
      await prisma.recording.create({
        data: { talkId, source: "BROWSER", status: "LIVE", storagePrefix: `talks/${talkId}/r1`, startedAt: at(0) },
      })
    ).id;
    // The first segment lands 2 s after the recording starts; the broadcaster then pauses for a
    // minute, and the timeline goes on at 30 s where the second segment starts.
    await prisma.recordingSegment.createMany({
      data: [
        { recordingId, sequence: 0, uri: "s0.ts", startedAt: at(2_000), offsetMs: 0, durationMs: 30_000 },
        { recordingId, sequence: 1, uri: "s1.ts", startedAt: at(92_000), offsetMs: 30_000, durationMs: 20_000 },
      ],
    });
  });

  const offset = (ms: number, talkId = fx.talks.webTalk.id) => computeMediaOffsetMs({ talkId, at: at(ms) });

  it("is null for a talk that is not being recorded live", async () => {
    expect(await offset(10_000, fx.talks.sideTalk.id)).toBeNull();
  });

  it("counts from the recording's start until the first segment is listed", async () => {
    expect(await offset(1_500)).toBe(1_500);
  });

  it("follows the segment the instant falls in", async () => {
    expect(await offset(2_000)).toBe(0);
    expect(await offset(12_000)).toBe(10_000);
    expect(await offset(92_000)).toBe(30_000);
    expect(await offset(97_000)).toBe(35_000);
  });

  it("runs at most 10 s past the last listed segment, so a pause does not run ahead of the media", async () => {
    expect(await offset(2_000 + 30_000 + 10_000)).toBe(40_000);
    expect(await offset(2_000 + 30_000 + 50_000)).toBe(40_000);
    expect(await offset(92_000 + 20_000 + 10_000)).toBe(60_000);
    expect(await offset(92_000 + 20_000 + 60_000)).toBe(60_000);
  });

  it("is null once the recording has ended (the replay has its own timeline)", async () => {
    await prisma.recording.update({ where: { id: recordingId }, data: { status: "ENDED" } });
    expect(await offset(12_000)).toBeNull();
    await prisma.recording.update({ where: { id: recordingId }, data: { status: "LIVE" } });
  });
});
