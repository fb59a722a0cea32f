import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createConference, createUser, uid } from "../support/fixtures";
import * as captions from "@/app/api/talks/[talkId]/captions/route";
import * as captionTrack from "@/app/api/talks/[talkId]/captions/[trackId]/route";
import * as chapters from "@/app/api/talks/[talkId]/chapters/route";
import * as chapter from "@/app/api/talks/[talkId]/chapters/[chapterId]/route";
import * as chaptersVtt from "@/app/api/talks/[talkId]/chapters.vtt/route";
import { MAX_CAPTIONS_BYTES } from "@/lib/captions/schemas";

// The route handlers as Next calls them, with real sessions and a real database: who may upload
// captions and edit chapters, what counts as WebVTT, and who may read them.

const VTT = "WEBVTT\n\nintro\n00:00:01.000 --> 00:00:04.000\nHello and welcome\n\n00:05.000 --> 00:09.500 align:start\nToday: <b>live video</b>\n";

const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });
const upload = (talkId: string, cookie: string | null, body: BodyInit, options: { type?: string; language?: string; label?: string } = {}) =>
  captions.POST(
    new Request(
      `http://localhost/api/talks/${talkId}/captions?language=${encodeURIComponent(options.language ?? "en")}&label=${encodeURIComponent(options.label ?? "English")}`,
      { method: "POST", headers: { "content-type": options.type ?? "text/vtt", ...(cookie ? { cookie } : {}) }, body },
    ),
    params({ talkId }),
  );
const get = (url: string, cookie: string | null) => new Request(`http://localhost${url}`, { headers: cookie ? { cookie } : {} });
const json = (method: string, url: string, cookie: string | null, body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

describe("captions and chapters of a talk", () => {
  let conferenceId: string;
  let talkId: string;
  let otherTalkId: string;
  let speaker: string;
  let otherSpeaker: string;
  let organizer: string;
  let attendee: string;
  let noTicket: string;

  beforeAll(async () => {
    const { conference, talks } = await createConference();
    conferenceId = conference.id;
    talkId = talks.webTalk.id;
    otherTalkId = talks.sideTalk.id;
    const speakerOf = async (talk: string) => {
      const user = await createUser({ conferenceId, role: "SPEAKER" });
      const profile = await prisma.speaker.create({ data: { conferenceId, userId: user.id, slug: `speaker-${uid()}`, name: "Speaker" } });
      await prisma.talkSpeaker.create({ data: { talkId: talk, speakerId: profile.id } });
      return user.cookie;
    };
    speaker = await speakerOf(talkId);
    otherSpeaker = await speakerOf(otherTalkId);
    organizer = (await createUser({ conferenceId, role: "ORGANIZER" })).cookie;
    attendee = (await createUser({ conferenceId, ticket: true })).cookie;
    noTicket = (await createUser({ conferenceId })).cookie;
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  describe("captions", () => {
    it("lets the talk's speaker upload a WebVTT track that ticket holders can list and read", async () => {
      const response = await upload(talkId, speaker, VTT);
      expect(response.status).toBe(201);
      const { track, replaced } = (await response.json()) as { track: { id: string; cueCount: number; language: string }; replaced: boolean };
      expect(track).toMatchObject({ language: "en", label: "English", cueCount: 2 });
      expect(replaced).toBe(false);

      const list = await captions.GET(get(`/api/talks/${talkId}/captions`, attendee), params({ talkId }));
      expect(list.status).toBe(200);
      const body = (await list.json()) as { tracks: { id: string; url: string }[]; canUpload: boolean };
      expect(body.canUpload).toBe(false);
      expect(body.tracks).toHaveLength(1);
      expect(body.tracks[0]!.url).toMatch(new RegExp(`^/api/talks/${talkId}/captions/${track.id}\\?v=\\d+$`));

      const file = await captionTrack.GET(get(body.tracks[0]!.url, attendee), params({ talkId, trackId: track.id }));
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("text/vtt; charset=utf-8");
      expect(await file.text()).toBe(VTT);
    });

    it("replaces the track of the same language and keeps other languages", async () => {
      const again = await upload(talkId, organizer, "WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n", { language: "en", label: "English (corrected)" });
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ replaced: true, track: { label: "English (corrected)", cueCount: 1 } });
      expect((await upload(talkId, speaker, VTT, { language: "pt-BR", label: "Português" })).status).toBe(201);
      expect(await prisma.talkCaptionTrack.count({ where: { talkId } })).toBe(2);
    });

    it("refuses what is not WebVTT with 400 and the reason, and stores nothing", async () => {
      const before = await prisma.talkCaptionTrack.count({ where: { talkId } });
      const cases: [BodyInit, RegExp][] = [
        ["1\n00:00:01,000 --> 00:00:02,000\nThis is SubRip\n", /does not start with the "WEBVTT" header/],
        ["WEBVTT\n\n00:01.000 --> 00:04.000\nA NUL \u0000 inside\n", /NUL/],
        [new Uint8Array([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0x0a, 0xff, 0xfe, 0x00, 0x89]), /not UTF-8/],
        [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /not UTF-8|WEBVTT/],
        ["WEBVTT\n\n00:01.000 -> 00:04.000\nBroken arrow\n", /Line 3: expected a cue timing/],
        ["WEBVTT\n\n00:05.000 --> 00:04.000\nBackwards\n", /ends before it starts/],
        ["WEBVTT\n\n00:01.000 --> 00:04.000\nbell \u0007 rings\n", /control characters/],
        ["WEBVTT\n\nNOTE only a note\n", /no cues/],
        ["", /WEBVTT/],
      ];
      for (const [body, message] of cases) {
        const response = await upload(talkId, speaker, body);
        expect(response.status, String(message)).toBe(400);
        expect((await errorOf(response)).message).toMatch(message);
      }
      expect(await prisma.talkCaptionTrack.count({ where: { talkId } })).toBe(before);
    });

    it("refuses a file over the size limit (413), another media type (415) and a bad language or label (400)", async () => {
      const big = "WEBVTT\n\n" + "00:01.000 --> 00:02.000\n" + "x".repeat(MAX_CAPTIONS_BYTES);
      expect((await upload(talkId, speaker, big)).status).toBe(413);
      const srt = await upload(talkId, speaker, VTT, { type: "application/x-subrip" });
      expect(srt.status).toBe(415);
      const language = await upload(talkId, speaker, VTT, { language: "english!" });
      expect(language.status).toBe(400);
      expect((await errorOf(language)).message).toMatch(/language tag/);
      expect((await upload(talkId, speaker, VTT, { label: "x\u0000y" })).status).toBe(400);
      expect((await upload(talkId, speaker, VTT, { label: "" })).status).toBe(400);
    });

    it("answers 403 to an attendee and to another talk's speaker, 401 to a visitor", async () => {
      for (const cookie of [attendee, otherSpeaker]) {
        const response = await upload(talkId, cookie, VTT, { language: "de", label: "Deutsch" });
        expect(response.status).toBe(403);
        expect((await errorOf(response)).code).toBe("FORBIDDEN");
      }
      expect((await upload(talkId, null, VTT, { language: "de", label: "Deutsch" })).status).toBe(401);
      expect(await prisma.talkCaptionTrack.count({ where: { talkId, language: "de" } })).toBe(0);
      const track = await prisma.talkCaptionTrack.findFirstOrThrow({ where: { talkId } });
      const deleting = await captionTrack.DELETE(
        json("DELETE", `/api/talks/${talkId}/captions/${track.id}`, otherSpeaker),
        params({ talkId, trackId: track.id }),
      );
      expect(deleting.status).toBe(403);
    });

    it("serves the file only to those who may watch the talk, and only under its own talk", async () => {
      const track = await prisma.talkCaptionTrack.findFirstOrThrow({ where: { talkId } });
      expect((await captionTrack.GET(get("/x", noTicket), params({ talkId, trackId: track.id }))).status).toBe(402);
      expect((await captionTrack.GET(get("/x", null), params({ talkId, trackId: track.id }))).status).toBe(401);
      expect((await captionTrack.GET(get("/x", attendee), params({ talkId: otherTalkId, trackId: track.id }))).status).toBe(404);
    });

    it("refuses an upload posted by a page of another origin (403), even with the speaker's cookie", async () => {
      const response = await captions.POST(
        new Request(`http://localhost/api/talks/${talkId}/captions?language=fr&label=Fran%C3%A7ais`, {
          method: "POST",
          headers: { "content-type": "text/vtt", cookie: speaker, origin: "https://evil.example" },
          body: VTT,
        }),
        params({ talkId }),
      );
      expect(response.status).toBe(403);
      expect(await prisma.talkCaptionTrack.count({ where: { talkId, language: "fr" } })).toBe(0);
    });

    it("lets the speaker delete a track", async () => {
      const track = await prisma.talkCaptionTrack.findFirstOrThrow({ where: { talkId, language: "pt-BR" } });
      const response = await captionTrack.DELETE(
        json("DELETE", `/api/talks/${talkId}/captions/${track.id}`, speaker),
        params({ talkId, trackId: track.id }),
      );
      expect(response.status).toBe(200);
      expect(await prisma.talkCaptionTrack.count({ where: { id: track.id } })).toBe(0);
    });
  });

  describe("chapters", () => {
    const create = (cookie: string | null, body: unknown, talk = talkId) =>
      chapters.POST(json("POST", `/api/talks/${talk}/chapters`, cookie, body), params({ talkId: talk }));

    it("lets the talk's speaker and an organizer mark chapters, listed in timeline order", async () => {
      expect((await create(speaker, { title: "Why HLS", offsetSeconds: 90 })).status).toBe(201);
      const intro = await create(organizer, { title: "Intro", offsetSeconds: 0 });
      expect(intro.status).toBe(201);
      const list = await chapters.GET(get(`/api/talks/${talkId}/chapters`, attendee), params({ talkId }));
      expect(await list.json()).toEqual({
        chapters: [
          { id: expect.any(String), title: "Intro", offsetSeconds: 0 },
          { id: expect.any(String), title: "Why HLS", offsetSeconds: 90 },
        ],
        canEdit: false,
      });
      const mine = (await (await chapters.GET(get(`/api/talks/${talkId}/chapters`, speaker), params({ talkId }))).json()) as { canEdit: boolean };
      expect(mine.canEdit).toBe(true);
    });

    it("answers 403 to an attendee and to another talk's speaker, and changes nothing", async () => {
      const before = await prisma.talkChapter.count({ where: { talkId } });
      for (const cookie of [attendee, otherSpeaker]) {
        const response = await create(cookie, { title: "Sneaky", offsetSeconds: 10 });
        expect(response.status).toBe(403);
      }
      expect((await create(null, { title: "Sneaky", offsetSeconds: 10 })).status).toBe(401);
      const existing = await prisma.talkChapter.findFirstOrThrow({ where: { talkId } });
      const patch = await chapter.PATCH(
        json("PATCH", `/api/talks/${talkId}/chapters/${existing.id}`, otherSpeaker, { title: "Mine now" }),
        params({ talkId, chapterId: existing.id }),
      );
      expect(patch.status).toBe(403);
      const del = await chapter.DELETE(
        json("DELETE", `/api/talks/${talkId}/chapters/${existing.id}`, attendee),
        params({ talkId, chapterId: existing.id }),
      );
      expect(del.status).toBe(403);
      expect(await prisma.talkChapter.count({ where: { talkId } })).toBe(before);
      expect((await prisma.talkChapter.findUniqueOrThrow({ where: { id: existing.id } })).title).toBe(existing.title);
    });

    it("validates titles and starts: 400 with field messages, 409 for a second chapter at the same second", async () => {
      const long = await create(speaker, { title: "x".repeat(121), offsetSeconds: 5 });
      expect(long.status).toBe(400);
      expect((await create(speaker, { title: "a\u0000b", offsetSeconds: 5 })).status).toBe(400);
      expect((await create(speaker, { title: "   ", offsetSeconds: 5 })).status).toBe(400);
      expect((await create(speaker, { title: "Negative", offsetSeconds: -1 })).status).toBe(400);
      expect((await create(speaker, { title: "Fraction", offsetSeconds: 1.5 })).status).toBe(400);
      expect((await create(speaker, { title: "Extra", offsetSeconds: 5, talkId: otherTalkId })).status).toBe(400);
      const taken = await create(speaker, { title: "Same place", offsetSeconds: 90 });
      expect(taken.status).toBe(409);
      expect((await errorOf(taken)).message).toMatch(/already starts at 90 s/);
      expect((await create(speaker, { title: "x".repeat(120), offsetSeconds: 300 })).status).toBe(201);
    });

    it("edits and deletes a chapter of the talk only (another talk's chapter id is not found)", async () => {
      const row = await prisma.talkChapter.findFirstOrThrow({ where: { talkId, offsetSeconds: 90 } });
      const patch = await chapter.PATCH(
        json("PATCH", `/api/talks/${talkId}/chapters/${row.id}`, speaker, { title: "Why HLS, still", offsetSeconds: 95 }),
        params({ talkId, chapterId: row.id }),
      );
      expect(patch.status).toBe(200);
      expect(await patch.json()).toEqual({ chapter: { id: row.id, title: "Why HLS, still", offsetSeconds: 95 } });
      const moveOnto = await chapter.PATCH(
        json("PATCH", `/api/talks/${talkId}/chapters/${row.id}`, speaker, { offsetSeconds: 0 }),
        params({ talkId, chapterId: row.id }),
      );
      expect(moveOnto.status).toBe(409);
      const elsewhere = await chapter.DELETE(
        json("DELETE", `/api/talks/${otherTalkId}/chapters/${row.id}`, organizer),
        params({ talkId: otherTalkId, chapterId: row.id }),
      );
      expect(elsewhere.status).toBe(404);
      const del = await chapter.DELETE(json("DELETE", `/api/talks/${talkId}/chapters/${row.id}`, speaker), params({ talkId, chapterId: row.id }));
      expect(del.status).toBe(200);
      expect(await prisma.talkChapter.count({ where: { id: row.id } })).toBe(0);
    });

    it("exports the chapters as a WebVTT chapters track that our own validation accepts", async () => {
      const response = await chaptersVtt.GET(get(`/api/talks/${talkId}/chapters.vtt`, attendee), params({ talkId }));
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toBe(`WEBVTT\n\n1\n00:00:00.000 --> 00:05:00.000\nIntro\n\n2\n00:05:00.000 --> 01:05:00.000\n${"x".repeat(120)}\n`);
      expect((await chaptersVtt.GET(get(`/api/talks/${talkId}/chapters.vtt`, noTicket), params({ talkId }))).status).toBe(402);
      // And it round-trips through the captions upload's validation.
      expect((await upload(talkId, speaker, text, { language: "zxx", label: "Chapters" })).status).toBe(201);
    });
  });
});
