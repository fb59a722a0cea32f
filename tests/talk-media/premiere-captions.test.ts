import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { getCaptionTrackFileOrThrow } from "@/lib/captions/get-caption-track-file";
import { keepAiredCues } from "@/lib/captions/keep-aired-cues";
import * as captionTrack from "@/app/api/talks/[talkId]/captions/[trackId]/route";
import * as chaptersVtt from "@/app/api/talks/[talkId]/chapters.vtt/route";
import { createConference, createUser, uid } from "../support/fixtures";

// A premiere (an uploaded recording airing from the talk's start) serves its media only up to what
// has aired; its captions follow the same rule on a real PostgreSQL, for attendees. The talk's
// speakers and organizers, who edit them, always get the whole track.

const VTT =
  [
    "WEBVTT - premiere",
    "STYLE\n::cue { color: yellow }",
    "NOTE the twist comes at 0:12",
    "intro\n00:00:01.000 --> 00:00:04.000\nHello and welcome",
    "00:05.000 --> 00:09.500 align:start\nToday: <b>live video</b>",
    "00:12.000 --> 00:15.000\nThe twist",
  ].join("\n\n") + "\n";

const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });
const get = (url: string, cookie: string | null) => new Request(`http://localhost${url}`, { headers: cookie ? { cookie } : {} });

describe("a premiere's captions follow what has aired", () => {
  let conferenceId: string;
  let talkId: string;
  let trackId: string;
  let startsAt: Date;
  let attendee: { id: string; cookie: string };
  let speaker: { id: string; cookie: string };
  let organizer: { id: string; cookie: string };
  const at = (seconds: number) => new Date(startsAt.getTime() + seconds * 1000);
  const read = (userId: string, now: Date) => getCaptionTrackFileOrThrow({ talkId, trackId, userId, now });

  beforeAll(async () => {
    const { conference, talks } = await createConference();
    conferenceId = conference.id;
    talkId = talks.webTalk.id;
    startsAt = talks.webTalk.startsAt;
    attendee = await createUser({ conferenceId, ticket: true });
    organizer = await createUser({ conferenceId, role: "ORGANIZER" });
    speaker = await createUser({ conferenceId, role: "SPEAKER" });
    const profile = await prisma.speaker.create({ data: { conferenceId, userId: speaker.id, slug: `speaker-${uid()}`, name: "Speaker" } });
    await prisma.talkSpeaker.create({ data: { talkId, speakerId: profile.id } });
    await prisma.recording.create({
      data: { talkId, source: "UPLOAD", status: "READY", durationMs: 20_000, storagePrefix: `talks/${talkId}/${uid()}`, readyAt: new Date() },
    });
    trackId = (await prisma.talkCaptionTrack.create({ data: { talkId, language: "en", label: "English", vtt: VTT, cueCount: 3 } })).id;
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("before the premiere an attendee gets no cues; while it airs, those starting before the aired position", async () => {
    const before = await read(attendee.id, at(-60));
    expect(before).toMatchObject({ cut: true, language: "en" });
    expect(before.vtt).toBe("WEBVTT - premiere\n\nSTYLE\n::cue { color: yellow }\n");

    const early = await read(attendee.id, at(4.999));
    expect(early.vtt).toContain("Hello and welcome");
    expect(early.vtt).not.toContain("live video");

    const middle = await read(attendee.id, at(6.5));
    expect(middle.vtt).toContain("Today: <b>live video</b>");
    expect(middle.vtt).not.toContain("The twist");
    expect(middle.vtt).not.toContain("NOTE");
    expect(middle.vtt).not.toContain("twist comes");
  });

  it("once it has aired in full, everyone gets the whole track", async () => {
    expect(await read(attendee.id, at(20))).toEqual({ vtt: VTT, language: "en", cut: false });
  });

  it("the talk's speaker and organizers get the whole track before it airs", async () => {
    for (const user of [speaker, organizer]) expect(await read(user.id, at(-60))).toEqual({ vtt: VTT, language: "en", cut: false });
  });

  it("an upload still processing has aired nothing, however late it is", async () => {
    await prisma.recording.update({ where: { talkId }, data: { status: "PROCESSING" } });
    try {
      expect((await read(attendee.id, at(60))).vtt).not.toContain("Hello");
    } finally {
      await prisma.recording.update({ where: { talkId }, data: { status: "READY" } });
    }
  });

  it("a live recording's captions are not cut", async () => {
    await prisma.recording.update({ where: { talkId }, data: { source: "BROWSER" } });
    try {
      expect((await read(attendee.id, at(-60))).cut).toBe(false);
    } finally {
      await prisma.recording.update({ where: { talkId }, data: { source: "UPLOAD" } });
    }
  });

  it("the route serves the cut uncached on the real clock; chapters.vtt stays whole during the premiere", async () => {
    await prisma.talk.update({ where: { id: talkId }, data: { startsAt: new Date(Date.now() - 6_500) } });
    await prisma.talkChapter.create({ data: { talkId, title: "The twist", offsetSeconds: 12 } });
    const file = await captionTrack.GET(get(`/api/talks/${talkId}/captions/${trackId}`, attendee.cookie), params({ talkId, trackId }));
    expect(file.status).toBe(200);
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    const text = await file.text();
    expect(text).toContain("live video");
    expect(text).not.toContain("The twist");

    const whole = await captionTrack.GET(get(`/api/talks/${talkId}/captions/${trackId}`, speaker.cookie), params({ talkId, trackId }));
    expect(whole.headers.get("cache-control")).toBe("private, max-age=300");
    expect(await whole.text()).toBe(VTT);

    const chapters = await chaptersVtt.GET(get(`/api/talks/${talkId}/chapters.vtt`, attendee.cookie), params({ talkId }));
    expect(await chapters.text()).toContain("The twist");
  });

  it("keepAiredCues keeps cues with hour timestamps and identifiers, and only those starting before the position", () => {
    const long = "WEBVTT\n\na\n01:00:00.000 --> 01:00:02.000\nOne hour in\n\nb\n01:00:03.000 --> 01:00:04.000\nLater\n";
    expect(keepAiredCues(long, 3602)).toBe("WEBVTT\n\na\n01:00:00.000 --> 01:00:02.000\nOne hour in\n");
    expect(keepAiredCues(long, 3600)).toBe("WEBVTT\n");
  });
});
