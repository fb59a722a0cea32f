import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { parsePretalxSchedule } from "@/lib/import/parse-pretalx-schedule";
import { parseFrabSchedule } from "@/lib/import/parse-frab-schedule";
import { parseXml } from "@/lib/import/parse-xml";
import { dateToZonedWallTime, zonedWallTimeToDate } from "@/lib/schedule-editor/zoned-time";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("pretalx JSON parser", () => {
  const schedule = parsePretalxSchedule({ source: fixture("pretalx-schedule.json"), fallbackTimeZone: "UTC" });

  it("reads every event with exact instants, lengths, rooms, tracks and kinds", () => {
    expect(schedule.talks).toHaveLength(7);
    const keynote = schedule.talks.find((t) => t.title === "Opening Keynote")!;
    expect(keynote).toMatchObject({
      externalId: "6f4c2f8e-1f7b-5d1e-9a63-0c8f1e2d3a41",
      kind: "KEYNOTE",
      stageName: "Main Hall",
      trackName: null,
      abstract: "Why we gather.\n\nA longer description of the opening.",
      speakerExternalIds: ["ADA7QX"],
    });
    expect(keynote.startsAt.toISOString()).toBe("2026-06-01T07:00:00.000Z");
    expect(keynote.endsAt.toISOString()).toBe("2026-06-01T08:00:00.000Z");
    expect(schedule.talks.find((t) => t.title === "Hands-on Rust")).toMatchObject({ kind: "WORKSHOP", trackName: "Languages" });
    expect(schedule.talks.find((t) => t.title.startsWith("Panel"))!.kind).toBe("PANEL");
    expect(schedule.talks.find((t) => t.title.startsWith("Late Night"))!.endsAt.toISOString()).toBe("2026-06-02T22:30:00.000Z");
  });

  it("keeps rooms in the export's order, including an empty one, and track colours", () => {
    expect(schedule.stages.map((s) => s.name)).toEqual(["Main Hall", "Workshop Room", "Hallway"]);
    expect(schedule.tracks).toContainEqual({ name: "Languages", color: "#10b981" });
    expect(schedule.timeZone).toBe("Europe/Berlin");
  });

  it("lists each person once, keyed by their pretalx code", () => {
    expect(schedule.speakers.map((s) => s.externalId).sort()).toEqual(["ADA7QX", "GRC9MP", "LNS3KD", "ZOE2WT"]);
    expect(schedule.speakers.find((s) => s.externalId === "ADA7QX")).toMatchObject({
      name: "Ada Lovelace",
      bio: "Wrote the first program.",
      avatarUrl: "https://pretalx.example.org/media/avatars/ada.png",
    });
    expect(schedule.talks.find((t) => t.title.startsWith("Panel"))!.speakerExternalIds).toEqual(["ADA7QX", "ZOE2WT", "LNS3KD"]);
  });

  it("says where a malformed export is wrong", () => {
    const broken = JSON.parse(fixture("pretalx-schedule.json"));
    broken.schedule.conference.days[0].rooms["Main Hall"][1].duration = "forty minutes";
    const error = (() => {
      try {
        parsePretalxSchedule({ source: broken, fallbackTimeZone: "UTC" });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error!.message).toContain("schedule.conference.days.0.rooms.Main Hall.1.duration");
    expect(() => parsePretalxSchedule({ source: "{not json", fallbackTimeZone: "UTC" })).toThrow(/not valid JSON/);
  });

  it("skips an event without a length with a warning instead of failing the import", () => {
    const odd = JSON.parse(fixture("pretalx-schedule.json"));
    odd.schedule.conference.days[0].rooms["Main Hall"][0].duration = "00:00";
    const result = parsePretalxSchedule({ source: odd, fallbackTimeZone: "UTC" });
    expect(result.talks).toHaveLength(6);
    expect(result.warnings).toEqual(["Skipped “Opening Keynote”: a duration of 00:00 is not a talk"]);
  });
});

describe("frab XML parser", () => {
  const schedule = parseFrabSchedule({ source: fixture("frab-schedule.xml"), fallbackTimeZone: "UTC" });

  it("reads events, decoding entities and CDATA", () => {
    expect(schedule.talks).toHaveLength(5);
    const tls = schedule.talks.find((t) => t.externalId === "7e2d1c0b-9a8f-4e7d-b6c5-a4b3c2d1e0f1")!;
    expect(tls.title).toBe("TLS & You: A Deep Dive");
    expect(tls.abstract).toBe("Handshakes, explained\n\nWhy <certificates> expire & what to do about it.\n\nEin Vortrag über TLS — mit Beispielen.");
    expect(tls.startsAt.toISOString()).toBe("2026-08-14T09:00:00.000Z");
    expect(tls.endsAt.toISOString()).toBe("2026-08-14T09:40:00.000Z");
    expect(tls.speakerExternalIds).toEqual(["frab:77", "frab:78"]);
    expect(tls.trackName).toBe("Security");
  });

  it("places an event without <date> on its day in the conference's zone, after midnight on the next morning", () => {
    const keynote = schedule.talks.find((t) => t.title.startsWith("Keynote"))!;
    expect(keynote.kind).toBe("KEYNOTE");
    expect(keynote.startsAt.toISOString()).toBe("2026-08-14T10:00:00.000Z");
    const midnight = schedule.talks.find((t) => t.title.startsWith("Midnight"))!;
    expect(midnight.startsAt.toISOString()).toBe("2026-08-14T22:30:00.000Z");
  });

  it("collects rooms, tracks and people once each; frab has no biographies", () => {
    expect(schedule.stages.map((s) => s.name)).toEqual(["Saal 1", "Workshop Tent"]);
    expect(schedule.tracks.map((t) => t.name)).toEqual(["Security", "Hardware"]);
    expect(schedule.speakers).toHaveLength(4);
    expect(schedule.speakers[0]).toEqual({ externalId: "frab:77", name: "Mallory Marsh" });
    expect(schedule.timeZone).toBe("Europe/Amsterdam");
  });

  it("refuses XML that is not a schedule, or not well-formed", () => {
    expect(() => parseFrabSchedule({ source: "<html><body/></html>", fallbackTimeZone: "UTC" })).toThrow(/root element is <html>/);
    expect(() => parseFrabSchedule({ source: "<schedule><day></schedule>", fallbackTimeZone: "UTC" })).toThrow(/does not close <day>/);
  });
});

describe("XML reader", () => {
  it("does not expand DTD entities (no billion laughs, no external fetches)", () => {
    const evil = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><schedule>&lol2;</schedule>`;
    expect(() => parseXml(evil)).toThrow(/unknown entity &lol2;/);
  });
  it("reads attributes in either quote style and self-closing elements", () => {
    const root = parseXml(`<a x='1' y="&quot;2&quot;"><b/>text</a>`);
    expect(root).toEqual({ name: "a", attributes: { x: "1", y: '"2"' }, children: [{ name: "b", attributes: {}, children: [] }, "text"] });
  });
});

describe("zoned wall time", () => {
  it("converts both ways, including across a daylight-saving change", () => {
    expect(zonedWallTimeToDate("2026-06-01T10:00", "Europe/Berlin").toISOString()).toBe("2026-06-01T08:00:00.000Z");
    expect(zonedWallTimeToDate("2026-01-15T10:00", "Europe/Berlin").toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(zonedWallTimeToDate("2026-03-29T04:00", "Europe/Berlin").toISOString()).toBe("2026-03-29T02:00:00.000Z");
    expect(dateToZonedWallTime("2026-06-01T08:00:00.000Z", "Europe/Berlin")).toBe("2026-06-01T10:00");
    expect(dateToZonedWallTime("2026-06-01T08:00:00.000Z", "America/New_York")).toBe("2026-06-01T04:00");
  });
});
