import { describe, expect, it, beforeAll } from "vitest";
import ical from "node-ical";
import { getCalendarFeed } from "@/lib/calendar/get-calendar-feed";
import { setFavourite } from "@/lib/agenda/set-favourite";
import { getAgendaFeedToken } from "@/lib/agenda/get-agenda-feed-token";
import { prisma } from "@/lib/db/client";
import { createConference, createUser } from "../support/fixtures";

type VEvent = { type: string; uid: string; start: Date; end: Date; summary: string; url?: string | { val: string }; location?: string };
const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === "VEVENT") as unknown as VEvent[];

describe("iCal feeds (RFC 5545), parsed back", () => {
  let fx: Awaited<ReturnType<typeof createConference>>;
  beforeAll(async () => {
    fx = await createConference();
    const speaker = await prisma.speaker.create({ data: { conferenceId: fx.conference.id, slug: "ada", name: "Ada; Lovelace, Jr." } });
    await prisma.talkSpeaker.create({ data: { talkId: fx.talks.webTalk.id, speakerId: speaker.id } });
    await prisma.talk.update({ where: { id: fx.talks.webTalk.id }, data: { title: "Commas, semicolons; and\nnewlines" } });
  });

  it("the whole schedule has one event per talk with exact instants", async () => {
    const { body, filename } = await getCalendarFeed({
      conferenceId: fx.conference.id,
      feed: { kind: "schedule" },
      publicUrl: "https://plenary.example",
    });
    expect(filename).toBe(`${fx.conference.slug}.ics`);
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const parsed = events(body);
    expect(parsed).toHaveLength(3);
    const web = parsed.find((e) => e.uid === `${fx.talks.webTalk.id}@plenary`)!;
    expect(web.start.toISOString()).toBe(fx.talks.webTalk.startsAt.toISOString());
    expect(web.end.toISOString()).toBe(fx.talks.webTalk.endsAt.toISOString());
    expect(web.summary).toBe("Commas, semicolons; and\nnewlines");
    expect(typeof web.url === "string" ? web.url : web.url?.val).toBe(`https://plenary.example/${fx.conference.slug}/talks/web-talk`);
    expect(web.location).toContain("Main");
  });

  it("a private agenda feed holds only the starred talks, by token", async () => {
    const user = await createUser();
    await setFavourite({ userId: user.id, talkId: fx.talks.sideTalk.id, starred: true });
    const token = await getAgendaFeedToken({ userId: user.id });
    const { body } = await getCalendarFeed({ conferenceId: fx.conference.id, feed: { kind: "agenda", token }, publicUrl: "https://x" });
    expect(events(body).map((e) => e.uid)).toEqual([`${fx.talks.sideTalk.id}@plenary`]);
    await expect(
      getCalendarFeed({ conferenceId: fx.conference.id, feed: { kind: "agenda", token: "x".repeat(32) }, publicUrl: "https://x" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const rotated = await getAgendaFeedToken({ userId: user.id, rotate: true });
    expect(rotated).not.toBe(token);
    await expect(getCalendarFeed({ conferenceId: fx.conference.id, feed: { kind: "agenda", token }, publicUrl: "https://x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("one talk's feed holds that talk; an unknown slug is NOT_FOUND", async () => {
    const { body } = await getCalendarFeed({ conferenceId: fx.conference.id, feed: { kind: "talk", slug: "keynote" }, publicUrl: "https://x" });
    expect(events(body).map((e) => e.summary)).toEqual(["Talk keynote"]);
    await expect(
      getCalendarFeed({ conferenceId: fx.conference.id, feed: { kind: "talk", slug: "nope" }, publicUrl: "https://x" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
