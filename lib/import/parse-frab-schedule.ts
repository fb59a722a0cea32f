import { AppError } from "@/lib/errors/app-error";
import { zonedWallTimeToDate } from "@/lib/schedule-editor/zoned-time";
import { abstractOf, durationMinutes, exportNames, hasOffset, MAX_IMPORTED_MINUTES, parseExportDate, talkKindOf, usableTimeZone } from "./normalize";
import { childrenNamed, childText, parseXml, textOf, type XmlElement } from "./parse-xml";
import type { ImportedSchedule, ImportedSpeaker, ImportedTalk } from "./schemas";

/**
 * Reads a frab/Pentabarf schedule.xml (exported by frab, pretalx, indico, Pentabarf and many
 * more): <schedule><conference/><day date><room name><event guid id>... Talks are keyed by
 * their guid (or the event id), speakers by the person's pretalx code, guid or id.
 */
export function parseFrabSchedule(options: { source: string; fallbackTimeZone: string }): ImportedSchedule {
  const root = parseXml(options.source);
  if (root.name !== "schedule") {
    throw new AppError("INVALID_INPUT", `This does not look like a frab schedule.xml: the root element is <${root.name}>, not <schedule>`);
  }
  const conference = childrenNamed(root, "conference")[0];
  const declaredZone = conference ? childText(conference, "time_zone_name") || null : null;
  const warnings: string[] = [];
  const timeZone = usableTimeZone(declaredZone, options.fallbackTimeZone);
  const nameOf = exportNames(warnings);
  let timesWithoutOffset = 0;
  const stages = new Map<string, { name: string }>();
  const tracks = new Map<string, { name: string; color: string | null }>();
  const speakers = new Map<string, ImportedSpeaker>();
  const talks = new Map<string, ImportedTalk>();

  const days = childrenNamed(root, "day");
  if (days.length === 0) throw new AppError("INVALID_INPUT", "This schedule.xml has no <day> elements");

  for (const day of days) {
    for (const room of childrenNamed(day, "room")) {
      const roomName = room.attributes.name ? nameOf(room.attributes.name, "room") : "";
      if (roomName && !stages.has(roomName)) stages.set(roomName, { name: roomName });
      for (const event of childrenNamed(room, "event")) {
        const title = childText(event, "title") ?? "";
        if (!title) {
          warnings.push(`Skipped an event without a title in ${roomName ?? "a room"}`);
          continue;
        }
        const externalId = event.attributes.guid?.trim() || (event.attributes.id ? `frab:${event.attributes.id.trim()}` : null);
        if (!externalId) {
          warnings.push(`Skipped “${title}”: it has neither a guid nor an id`);
          continue;
        }
        if (talks.has(externalId)) {
          warnings.push(`Skipped a second slot of “${title}”: Plenary schedules a talk once`);
          continue;
        }
        const start = eventStart(event, day, timeZone);
        const startsAt = start?.at;
        const duration = childText(event, "duration") ?? "";
        const minutes = /^\d{1,3}:\d{2}(:\d{2})?$/.test(duration) ? durationMinutes(duration) : 0;
        if (!startsAt || Number.isNaN(startsAt.getTime())) {
          warnings.push(`Skipped “${title}”: it has no usable <date> or <start>`);
          continue;
        }
        if (minutes <= 0 || minutes > MAX_IMPORTED_MINUTES) {
          warnings.push(`Skipped “${title}”: a duration of “${duration}” is not a talk`);
          continue;
        }
        const eventRoom = childText(event, "room");
        const stageName = eventRoom ? nameOf(eventRoom, "room") : roomName;
        if (!stageName) {
          warnings.push(`Skipped “${title}”: it has no room`);
          continue;
        }
        if (!start.hasOffset) timesWithoutOffset++;
        if (!stages.has(stageName)) stages.set(stageName, { name: stageName });
        const eventTrack = childText(event, "track");
        const trackName = eventTrack ? nameOf(eventTrack, "track") || null : null;
        if (trackName && !tracks.has(trackName)) tracks.set(trackName, { name: trackName, color: null });

        const speakerIds: string[] = [];
        for (const persons of childrenNamed(event, "persons")) {
          for (const person of childrenNamed(persons, "person")) {
            const name = textOf(person).trim();
            const key =
              person.attributes.code?.trim() ||
              person.attributes.guid?.trim() ||
              (person.attributes.id ? `frab:${person.attributes.id.trim()}` : null);
            if (!name || !key) continue;
            // frab XML carries no biography: leave bio undefined so a re-import keeps it.
            if (!speakers.has(key)) speakers.set(key, { externalId: key, name: name.slice(0, 120) });
            if (!speakerIds.includes(key)) speakerIds.push(key);
          }
        }

        talks.set(externalId, {
          externalId,
          title: title.slice(0, 200),
          abstract: abstractOf({
            subtitle: childText(event, "subtitle"),
            abstract: childText(event, "abstract"),
            description: childText(event, "description"),
          }),
          kind: talkKindOf(childText(event, "type")),
          startsAt,
          endsAt: new Date(startsAt.getTime() + minutes * 60_000),
          stageName,
          trackName,
          speakerExternalIds: speakerIds,
        });
      }
    }
  }

  return {
    title: conference ? childText(conference, "title") || null : null,
    acronym: conference ? childText(conference, "acronym") || null : null,
    timeZone: declaredZone,
    stages: [...stages.values()],
    tracks: [...tracks.values()],
    speakers: [...speakers.values()],
    talks: [...talks.values()],
    timesWithoutOffset,
    warnings,
  };
}

/** <date> when present (frab writes it with an offset); else the day's date plus <start> (wall-clock time, no offset). */
function eventStart(event: XmlElement, day: XmlElement, timeZone: string): { at: Date; hasOffset: boolean } | null {
  const date = childText(event, "date");
  if (date) return { at: parseExportDate(date, timeZone), hasOffset: hasOffset(date) };
  const start = childText(event, "start");
  const dayDate = day.attributes.date;
  if (!start || !dayDate || !/^\d{1,2}:\d{2}$/.test(start)) return null;
  const at = zonedWallTimeToDate(`${dayDate}T${start.padStart(5, "0")}`, timeZone);
  // Conference days often run past midnight: a start before the day's start is the next morning.
  const dayStart = day.attributes.start ? parseExportDate(day.attributes.start, timeZone) : null;
  if (dayStart && at < dayStart) return { at: new Date(at.getTime() + 24 * 3600_000), hasOffset: false };
  return { at, hasOffset: false };
}
