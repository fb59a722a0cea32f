import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { importSchedule } from "@/lib/import/import-schedule";
import { moveTalk } from "@/lib/schedule-editor/move-talk";
import { updateTalk } from "@/lib/schedule-editor/update-talk";
import { createTestConference } from "../schedule-editor/fixtures";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const pretalx = () => JSON.parse(fixture("pretalx-schedule.json"));

async function snapshot(conferenceId: string) {
  const [stages, tracks, speakers, talks] = await Promise.all([
    prisma.stage.findMany({ where: { conferenceId }, orderBy: { position: "asc" }, select: { id: true, name: true, slug: true, position: true } }),
    prisma.track.findMany({ where: { conferenceId }, orderBy: { name: "asc" }, select: { id: true, name: true, color: true } }),
    prisma.speaker.findMany({
      where: { conferenceId },
      orderBy: { name: "asc" },
      select: { id: true, externalId: true, name: true, bio: true, avatarUrl: true },
    }),
    prisma.talk.findMany({
      where: { conferenceId },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        externalId: true,
        slug: true,
        title: true,
        abstract: true,
        kind: true,
        startsAt: true,
        endsAt: true,
        stageId: true,
        trackId: true,
        isPublic: true,
        streamKey: true,
        updatedAt: true,
        speakers: { orderBy: { position: "asc" }, select: { speakerId: true } },
      },
    }),
  ]);
  return { stages, tracks, speakers, talks };
}

describe("importing a pretalx schedule export", () => {
  let conferenceId: string;
  beforeAll(async () => {
    conferenceId = (await createTestConference({ timeZone: "Europe/Berlin" })).id;
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("round-trips every talk, speaker, stage and track of the export into the schedule", async () => {
    const result = await importSchedule({ conferenceId, input: { source: fixture("pretalx-schedule.json") } });
    expect(result).toMatchObject({
      format: "pretalx-json",
      stages: { created: 3, updated: 0, unchanged: 0 },
      tracks: { created: 3, updated: 0, unchanged: 0 },
      speakers: { created: 4, updated: 0, unchanged: 0 },
      talks: { created: 7, updated: 0, unchanged: 0 },
      warnings: [],
    });

    // Read it back and compare with the export, event by event.
    const db = await snapshot(conferenceId);
    expect(db.stages.map((s) => [s.name, s.position])).toEqual([
      ["Main Hall", 0],
      ["Workshop Room", 1],
      ["Hallway", 2],
    ]);
    const stageName = new Map(db.stages.map((s) => [s.id, s.name]));
    const trackName = new Map(db.tracks.map((t) => [t.id, t.name]));
    const speakerCode = new Map(db.speakers.map((s) => [s.id, s.externalId]));
    const events = pretalx().schedule.conference.days.flatMap((d: { rooms: Record<string, unknown[]> }) => Object.values(d.rooms).flat());
    expect(db.talks).toHaveLength(events.length);
    for (const event of events as {
      guid: string;
      date: string;
      duration: string;
      room: string;
      title: string;
      track: string | null;
      persons: { code: string }[];
    }[]) {
      const talk = db.talks.find((t) => t.externalId === event.guid)!;
      expect(talk.title).toBe(event.title);
      expect(talk.startsAt.getTime()).toBe(Date.parse(event.date));
      const [h, m] = event.duration.split(":").map(Number);
      expect(talk.endsAt.getTime() - talk.startsAt.getTime()).toBe((h! * 60 + m!) * 60_000);
      expect(stageName.get(talk.stageId)).toBe(event.room);
      expect(talk.trackId ? trackName.get(talk.trackId) : null).toBe(event.track);
      expect(talk.speakers.map((s) => speakerCode.get(s.speakerId))).toEqual(event.persons.map((p) => p.code));
      expect(talk.streamKey.length).toBeGreaterThanOrEqual(32);
    }
    expect(db.tracks.find((t) => t.name === "Operations")!.color).toBe("#ef4444");
    expect(db.speakers.find((s) => s.externalId === "ZOE2WT")!.bio).toBe("Organises <b>things</b> & people.");
  });

  it("changes nothing when the same export is imported again", async () => {
    const before = await snapshot(conferenceId);
    const result = await importSchedule({ conferenceId, input: { source: fixture("pretalx-schedule.json"), format: "pretalx-json" } });
    expect(result).toMatchObject({
      stages: { created: 0, updated: 0, unchanged: 3 },
      tracks: { created: 0, updated: 0, unchanged: 3 },
      speakers: { created: 0, updated: 0, unchanged: 4 },
      talks: { created: 0, updated: 0, unchanged: 7 },
    });
    expect(await snapshot(conferenceId)).toEqual(before);
  });

  it("updates in place from a newer export and keeps what the organizer set in Plenary", async () => {
    const before = await snapshot(conferenceId);
    const rust = before.talks.find((t) => t.title === "Hands-on Rust")!;
    // The organizer made one talk public and gave it a nicer URL.
    await updateTalk({ conferenceId, talkId: rust.id, input: { isPublic: true, slug: "rust-workshop" } });

    const newer = pretalx();
    const day1 = newer.schedule.conference.days[0].rooms;
    const workshop = day1["Workshop Room"].shift();
    workshop.date = "2026-06-01T13:00:00+02:00";
    workshop.room = "Main Hall";
    workshop.title = "Hands-on Rust (extended)";
    workshop.persons.push(newer.schedule.conference.days[0].rooms["Main Hall"][0].persons[0]);
    day1["Main Hall"].push(workshop);
    day1["Main Hall"][0].persons[0].biography = "Wrote the first program. Still proud.";
    day1["Main Hall"].push({
      ...day1["Main Hall"][1],
      guid: "00000000-1111-5222-8333-444444444444",
      id: 199,
      title: "A New Talk",
      date: "2026-06-01T16:00:00+02:00",
      track: "Brand New Track",
      persons: [{ id: 99, code: "NEW111", public_name: "Newcomer", biography: "", answers: [] }],
    });

    const result = await importSchedule({ conferenceId, input: { source: JSON.stringify(newer) } });
    expect(result.talks).toEqual({ created: 1, updated: 1, unchanged: 6 });
    expect(result.speakers).toEqual({ created: 1, updated: 1, unchanged: 3 });
    expect(result.tracks).toEqual({ created: 1, updated: 0, unchanged: 3 });
    expect(result.stages).toEqual({ created: 0, updated: 0, unchanged: 3 });

    const after = await snapshot(conferenceId);
    expect(after.talks).toHaveLength(8);
    const moved = after.talks.find((t) => t.id === rust.id)!;
    expect(moved).toMatchObject({ title: "Hands-on Rust (extended)", isPublic: true, slug: "rust-workshop", streamKey: rust.streamKey });
    expect(moved.startsAt.toISOString()).toBe("2026-06-01T11:00:00.000Z");
    expect(moved.endsAt.toISOString()).toBe("2026-06-01T13:00:00.000Z");
    expect(moved.stageId).toBe(before.stages.find((s) => s.name === "Main Hall")!.id);
    expect(moved.speakers).toHaveLength(2);
    expect(after.speakers.find((s) => s.externalId === "ADA7QX")!.bio).toBe("Wrote the first program. Still proud.");
    // Re-importing the newer export is again a no-op.
    const again = await importSchedule({ conferenceId, input: { source: JSON.stringify(newer) } });
    expect(again.talks).toEqual({ created: 0, updated: 0, unchanged: 8 });
  });

  it("leaves the schedule untouched when the export is broken", async () => {
    const before = await snapshot(conferenceId);
    const broken = pretalx();
    broken.schedule.conference.days[1].rooms["Main Hall"][0].title = "";
    await expect(importSchedule({ conferenceId, input: { source: JSON.stringify(broken) } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(importSchedule({ conferenceId, input: { source: "hello" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await snapshot(conferenceId)).toEqual(before);
  });

  it("two imports of the same export at once create each row once", async () => {
    const c = (await createTestConference()).id;
    const results = await Promise.all([1, 2, 3].map(() => importSchedule({ conferenceId: c, input: { source: fixture("pretalx-schedule.json") } })));
    expect(results.map((r) => r.talks.created).sort()).toEqual([0, 0, 7]);
    expect(await prisma.talk.count({ where: { conferenceId: c } })).toBe(7);
    expect(await prisma.speaker.count({ where: { conferenceId: c } })).toBe(4);
    await prisma.conference.delete({ where: { id: c } });
  });
});

describe("importing a frab schedule.xml", () => {
  it("imports once and re-imports without duplicates", async () => {
    const conferenceId = (await createTestConference({ timeZone: "Europe/Amsterdam" })).id;
    const first = await importSchedule({ conferenceId, input: { source: fixture("frab-schedule.xml") } });
    expect(first).toMatchObject({
      format: "frab-xml",
      stages: { created: 2 },
      tracks: { created: 2 },
      speakers: { created: 4 },
      talks: { created: 5 },
    });
    const second = await importSchedule({ conferenceId, input: { source: fixture("frab-schedule.xml"), format: "frab-xml" } });
    expect(second.talks).toEqual({ created: 0, updated: 0, unchanged: 5 });
    expect(second.speakers).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(await prisma.talk.count({ where: { conferenceId } })).toBe(5);
    const panel = await prisma.talk.findFirstOrThrow({
      where: { conferenceId, title: "Closing Panel" },
      include: { speakers: { include: { speaker: true } } },
    });
    expect(panel.kind).toBe("PANEL");
    expect(panel.speakers.map((s) => s.speaker.name).sort()).toEqual(["Eve Example", "Trent Trust"]);
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("a frab import keeps biographies an earlier pretalx import brought", async () => {
    const conferenceId = (await createTestConference()).id;
    await importSchedule({ conferenceId, input: { source: fixture("pretalx-schedule.json") } });
    // The same event exported as XML by pretalx: person code attributes, event guids, no bios.
    const xml = `<schedule><conference><title>PlenConf 2026</title><time_zone_name>Europe/Berlin</time_zone_name></conference>
      <day index="1" date="2026-06-01"><room name="Main Hall">
        <event guid="6f4c2f8e-1f7b-5d1e-9a63-0c8f1e2d3a41" id="101"><date>2026-06-01T09:00:00+02:00</date><start>09:00</start>
          <duration>01:00</duration><room>Main Hall</room><title>Opening Keynote</title><type>Keynote</type>
          <abstract>Why we gather.</abstract><description>A longer description of the opening.</description>
          <persons><person id="11" code="ADA7QX">Ada Lovelace</person></persons></event>
      </room></day></schedule>`;
    const result = await importSchedule({ conferenceId, input: { source: xml } });
    expect(result.talks).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(result.speakers).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const ada = await prisma.speaker.findFirstOrThrow({ where: { conferenceId, externalId: "ADA7QX" } });
    expect(ada.bio).toBe("Wrote the first program.");
    await prisma.conference.delete({ where: { id: conferenceId } });
  });
});

describe("long room names and time zones", () => {
  it("imports a room name over 100 characters under one shortened name, for the stage and its talks", async () => {
    const conferenceId = (await createTestConference({ timeZone: "Europe/Berlin" })).id;
    const long = `The Grand Auditorium of the ${"Very ".repeat(20)}Long Name`; // 130 characters
    // 102 characters with soft hyphens, 69 without: they are removed when names are cleaned, so a
    // talk's room cut to 100 before cleaning named no stage (the 500 this used to answer).
    const hyphenated = `Work\u00ADshop ${"Ro\u00ADom\u00AD".repeat(15)}`;
    const newer = pretalx();
    const conference = newer.schedule.conference;
    conference.rooms[0].name = long;
    conference.rooms[1].name = hyphenated;
    for (const day of conference.days) {
      for (const event of day.rooms["Main Hall"]) event.room = long;
      for (const event of day.rooms["Workshop Room"]) event.room = hyphenated;
    }
    const result = await importSchedule({ conferenceId, input: { source: JSON.stringify(newer) } });
    expect(result.talks.created).toBe(7);
    expect(result.stages.created).toBe(3);
    expect(result.warnings.filter((w) => w.includes("longer than 80 characters"))).toHaveLength(1);

    const stages = await prisma.stage.findMany({ where: { conferenceId }, include: { _count: { select: { talks: true } } } });
    const main = stages.find((s) => s.name.startsWith("The Grand Auditorium"))!;
    expect(main.name.length).toBeLessThanOrEqual(80);
    expect(long.startsWith(main.name)).toBe(true);
    expect(main._count.talks).toBe(5);
    expect(stages.find((s) => s.name.startsWith("Workshop Room"))!._count.talks).toBe(2);
    // Importing again finds the same stages.
    const again = await importSchedule({ conferenceId, input: { source: JSON.stringify(newer) } });
    expect(again.stages).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(again.talks).toEqual({ created: 0, updated: 0, unchanged: 7 });
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("does the same for a frab <room> over 100 characters", async () => {
    const conferenceId = (await createTestConference({ timeZone: "Europe/Amsterdam" })).id;
    const long = `Saal 1 — ${"Hackcenter ".repeat(12)}`.trim();
    const xml = fixture("frab-schedule.xml").replaceAll(`name="Saal 1"`, `name="${long}"`).replaceAll("<room>Saal 1</room>", `<room>${long}</room>`);
    const result = await importSchedule({ conferenceId, input: { source: xml } });
    expect(result.talks.created).toBe(5);
    const stage = await prisma.stage.findFirstOrThrow({ where: { conferenceId, name: { startsWith: "Saal 1" } }, include: { talks: true } });
    expect(stage.name.length).toBeLessThanOrEqual(80);
    expect(stage.talks.length).toBeGreaterThan(0);
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("says once that times without an offset were read in the conference's zone when the export names none", async () => {
    const conferenceId = (await createTestConference({ timeZone: "Europe/Berlin" })).id;
    const floating = pretalx();
    delete floating.schedule.conference.time_zone_name;
    floating.schedule.conference.days[0].rooms["Main Hall"][0].date = "2026-06-01T09:00:00";
    floating.schedule.conference.days[0].rooms["Main Hall"][1].date = "2026-06-01T10:15:00";
    const result = await importSchedule({ conferenceId, input: { source: JSON.stringify(floating) } });
    expect(result.warnings).toEqual([
      "The export names no time zone: 2 times without an offset were read in the conference's zone, Europe/Berlin. Check them in the schedule editor.",
    ]);
    const keynote = await prisma.talk.findFirstOrThrow({ where: { conferenceId, title: "Opening Keynote" } });
    expect(keynote.startsAt.toISOString()).toBe("2026-06-01T07:00:00.000Z");

    // Every time with an offset and no zone named: nothing depended on a zone, nothing to say.
    const exact = pretalx();
    delete exact.schedule.conference.time_zone_name;
    expect((await importSchedule({ conferenceId, input: { source: JSON.stringify(exact) } })).warnings).toEqual([]);
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("gives one clear warning for a zone name it does not know", async () => {
    const conferenceId = (await createTestConference({ timeZone: "Europe/Berlin" })).id;
    const xml = fixture("frab-schedule.xml").replace(
      "<time_zone_name>Europe/Amsterdam</time_zone_name>",
      "<time_zone_name>Mars/Olympus_Mons</time_zone_name>",
    );
    const result = await importSchedule({ conferenceId, input: { source: xml } });
    const zoneWarnings = result.warnings.filter((w) => /zone/i.test(w));
    expect(zoneWarnings).toHaveLength(1);
    expect(zoneWarnings[0]).toMatch(
      /^The export names the time zone “Mars\/Olympus_Mons”, which Plenary does not know: \d+ times? without an offset (was|were) read in the conference's zone, Europe\/Berlin/,
    );
    await prisma.conference.delete({ where: { id: conferenceId } });
  });
});

describe("re-importing after changes in the schedule editor", () => {
  it("keeps what the organizer changed, applies the rest of the export, and says what it kept", async () => {
    const conferenceId = (await createTestConference({ timeZone: "Europe/Berlin" })).id;
    await importSchedule({ conferenceId, input: { source: fixture("pretalx-schedule.json") } });
    const talks = await prisma.talk.findMany({ where: { conferenceId }, include: { stage: true } });
    const keynote = talks.find((t) => t.title === "Opening Keynote")!;
    const rust = talks.find((t) => t.title === "Hands-on Rust")!;
    const hallway = await prisma.stage.findFirstOrThrow({ where: { conferenceId, name: "Hallway" } });
    // The organizer retitles the keynote and moves the workshop to the hallway an hour later.
    await updateTalk({ conferenceId, talkId: keynote.id, input: { title: "Opening Keynote: Why We Gather" } });
    await moveTalk({ conferenceId, talkId: rust.id, input: { stageId: hallway.id, startsAt: "2026-06-01T09:00:00.000Z" } });

    // pretalx meanwhile changed the keynote's title and abstract, and the workshop's title and time.
    const newer = pretalx();
    const day1 = newer.schedule.conference.days[0].rooms;
    day1["Main Hall"][0].title = "Opening Keynote (updated)";
    day1["Main Hall"][0].abstract = "Why we gather, again.";
    day1["Workshop Room"][0].title = "Hands-on Rust 2";
    day1["Workshop Room"][0].date = "2026-06-01T10:30:00+02:00";
    const result = await importSchedule({ conferenceId, input: { source: JSON.stringify(newer) } });
    expect(result.kept).toEqual([
      { talkId: keynote.id, title: "Opening Keynote: Why We Gather", fields: ["title"] },
      { talkId: rust.id, title: "Hands-on Rust", fields: ["time", "stage"] },
    ]);
    expect(result.overwritten).toEqual([]);
    expect(result.talks).toEqual({ created: 0, updated: 2, unchanged: 5 });
    const keynoteNow = await prisma.talk.findUniqueOrThrow({ where: { id: keynote.id } });
    expect(keynoteNow.title).toBe("Opening Keynote: Why We Gather");
    expect(keynoteNow.abstract).toContain("Why we gather, again.");
    const rustNow = await prisma.talk.findUniqueOrThrow({ where: { id: rust.id } });
    expect(rustNow).toMatchObject({ title: "Hands-on Rust 2", stageId: hallway.id });
    expect(rustNow.startsAt.toISOString()).toBe("2026-06-01T09:00:00.000Z");

    // The same export again: the edits still stand and are said again; nothing is written.
    const again = await importSchedule({ conferenceId, input: { source: JSON.stringify(newer) } });
    expect(again.talks).toEqual({ created: 0, updated: 0, unchanged: 7 });
    expect(again.kept.map((k) => k.talkId)).toEqual([keynote.id, rust.id]);

    // Asked to overwrite: the export wins, and the result says which edits it replaced.
    const overwrite = await importSchedule({ conferenceId, input: { source: JSON.stringify(newer), overwriteEdits: true } });
    expect(overwrite.kept).toEqual([]);
    expect(overwrite.overwritten).toEqual([
      { talkId: keynote.id, title: "Opening Keynote (updated)", fields: ["title"] },
      { talkId: rust.id, title: "Hands-on Rust 2", fields: ["time", "stage"] },
    ]);
    const rustAfter = await prisma.talk.findUniqueOrThrow({ where: { id: rust.id }, include: { stage: true } });
    expect(rustAfter.stage.name).toBe("Workshop Room");
    expect(rustAfter.startsAt.toISOString()).toBe("2026-06-01T08:30:00.000Z");
    // Now nothing is edited any more: a later import applies the export as it is.
    expect((await importSchedule({ conferenceId, input: { source: JSON.stringify(newer) } })).kept).toEqual([]);
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("keeps a speaker list changed in the editor on a frab re-import", async () => {
    const conferenceId = (await createTestConference({ timeZone: "Europe/Amsterdam" })).id;
    await importSchedule({ conferenceId, input: { source: fixture("frab-schedule.xml") } });
    const panel = await prisma.talk.findFirstOrThrow({ where: { conferenceId, title: "Closing Panel" }, include: { speakers: true } });
    const only = panel.speakers[0]!.speakerId;
    await updateTalk({ conferenceId, talkId: panel.id, input: { speakerIds: [only] } });
    const result = await importSchedule({ conferenceId, input: { source: fixture("frab-schedule.xml") } });
    // The export did not change, but it differs from the edit: the edit is kept and said.
    expect(result.kept).toEqual([{ talkId: panel.id, title: "Closing Panel", fields: ["speakers"] }]);
    expect(await prisma.talkSpeaker.findMany({ where: { talkId: panel.id }, select: { speakerId: true } })).toEqual([{ speakerId: only }]);
    await prisma.conference.delete({ where: { id: conferenceId } });
  });
});
