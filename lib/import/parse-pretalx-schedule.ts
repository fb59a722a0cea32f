import { AppError, formatZodError } from "@/lib/errors/app-error";
import { abstractOf, durationMinutes, exportNames, hasOffset, MAX_IMPORTED_MINUTES, parseExportDate, talkKindOf, usableTimeZone } from "./normalize";
import { PretalxExport, type ImportedSchedule, type ImportedSpeaker, type ImportedTalk } from "./schemas";

/**
 * Reads pretalx's public JSON schedule export into Plenary's import shape. Talks are keyed by
 * their guid (stable across pretalx releases and shared with its XML export), speakers by their
 * pretalx code, so importing a newer export updates what an older one created.
 */
export function parsePretalxSchedule(options: { source: string | unknown; fallbackTimeZone: string }): ImportedSchedule {
  let json: unknown = options.source;
  if (typeof json === "string") {
    try {
      json = JSON.parse(json);
    } catch {
      throw new AppError("INVALID_INPUT", "This is not valid JSON: export the schedule from pretalx as schedule.json");
    }
  }
  const parsed = PretalxExport.safeParse(json);
  if (!parsed.success) {
    const { message, fields } = formatZodError(parsed.error);
    throw new AppError("INVALID_INPUT", `This does not look like a pretalx schedule export: ${message}`, { fields });
  }
  const { conference } = parsed.data.schedule;
  const warnings: string[] = [];
  const timeZone = usableTimeZone(conference.time_zone_name, options.fallbackTimeZone);
  const nameOf = exportNames(warnings);
  let timesWithoutOffset = 0;

  const stages = new Map<string, { name: string }>();
  for (const room of conference.rooms) {
    const name = nameOf(room.name, "room");
    if (name) stages.set(name, { name });
  }
  const tracks = new Map<string, { name: string; color: string | null }>();
  for (const track of conference.tracks) {
    const color = track.color && /^#[0-9a-fA-F]{6}$/.test(track.color) ? track.color : null;
    const name = nameOf(track.name, "track");
    if (name) tracks.set(name, { name, color });
  }
  const speakers = new Map<string, ImportedSpeaker>();
  const talks = new Map<string, ImportedTalk>();

  for (const day of conference.days) {
    for (const [roomName, events] of Object.entries(day.rooms)) {
      for (const event of events) {
        const externalId = event.guid?.trim() || (event.id != null ? `pretalx:${event.id}` : null);
        if (!externalId) {
          warnings.push(`Skipped “${event.title}”: it has neither a guid nor an id`);
          continue;
        }
        if (talks.has(externalId)) {
          warnings.push(`Skipped a second slot of “${event.title}”: Plenary schedules a talk once`);
          continue;
        }
        const startsAt = parseExportDate(event.date, timeZone);
        const minutes = durationMinutes(event.duration);
        if (Number.isNaN(startsAt.getTime())) {
          warnings.push(`Skipped “${event.title}”: its date “${event.date}” is not a date`);
          continue;
        }
        if (minutes <= 0 || minutes > MAX_IMPORTED_MINUTES) {
          warnings.push(`Skipped “${event.title}”: a duration of ${event.duration} is not a talk`);
          continue;
        }
        const stageName = nameOf(event.room || roomName, "room");
        if (!stageName) {
          warnings.push(`Skipped “${event.title}”: it has no room`);
          continue;
        }
        if (!hasOffset(event.date)) timesWithoutOffset++;
        if (!stages.has(stageName)) stages.set(stageName, { name: stageName });
        const trackName = event.track ? nameOf(event.track, "track") || null : null;
        if (trackName && !tracks.has(trackName)) tracks.set(trackName, { name: trackName, color: null });

        const speakerIds: string[] = [];
        for (const person of event.persons) {
          const id = person.code?.trim() || person.guid?.trim() || `pretalx:${person.id}`;
          if (!speakers.has(id)) {
            speakers.set(id, {
              externalId: id,
              name: (person.public_name ?? person.name ?? "").trim().slice(0, 120),
              bio: (person.biography ?? "").trim().slice(0, 10_000),
              avatarUrl: person.avatar?.trim() || null,
            });
          }
          if (!speakerIds.includes(id)) speakerIds.push(id);
        }

        talks.set(externalId, {
          externalId,
          title: event.title.slice(0, 200),
          abstract: abstractOf(event),
          kind: talkKindOf(event.type),
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
    title: conference.title ?? null,
    acronym: conference.acronym ?? null,
    timeZone: conference.time_zone_name ?? null,
    stages: [...stages.values()],
    tracks: [...tracks.values()],
    speakers: [...speakers.values()],
    talks: [...talks.values()],
    timesWithoutOffset,
    warnings,
  };
}
