import type { z } from "zod";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { AppError, formatZodError, notFound } from "@/lib/errors/app-error";
import { findScheduleConflicts } from "@/lib/schedule-editor/find-schedule-conflicts";
import { publishScheduleChanged } from "@/lib/schedule-editor/publish-schedule-changed";
import { slugify, uniqueSlug } from "@/lib/schedule-editor/slugify";
import { zoneWarning } from "./normalize";
import { parseFrabSchedule } from "./parse-frab-schedule";
import { parsePretalxSchedule } from "./parse-pretalx-schedule";
import {
  ImportedSchedule,
  ImportedValues,
  ImportScheduleInput,
  IMPORTED_TALK_FIELDS,
  type EditedTalk,
  type ImportCounts,
  type ImportedTalkField,
  type ImportResult,
} from "./schemas";

const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });
const key = (name: string) => name.trim().toLowerCase();

/**
 * Imports a pretalx JSON or frab XML schedule into a conference. Talks and speakers are matched
 * by their external id (Talk and Speaker are unique on conferenceId + externalId), stages and
 * tracks by name, so importing the same export twice changes nothing and a newer export updates
 * in place. What the organizer set in Plenary and the export does not know (a talk's slug,
 * public flag, status and stream key) is kept, and so is a talk field the organizer changed in the
 * editor since the last import (Talk.importedValues holds what that import wrote), unless the
 * input asks to overwrite such edits; the result lists them. Talks missing from the export are
 * left alone. All of it happens in one transaction: a failed import leaves the schedule as it was.
 */
export async function importSchedule(options: { conferenceId: string; input: z.input<typeof ImportScheduleInput> }): Promise<ImportResult> {
  const { conferenceId } = options;
  const input = ImportScheduleInput.parse(options.input);
  const conference = await prisma.conference.findUnique({ where: { id: conferenceId }, select: { timeZone: true } });
  if (!conference) throw notFound("Conference");

  const { format, schedule } = readExport({ input, fallbackTimeZone: conference.timeZone });

  const zone = zoneWarning({ declared: schedule.timeZone, conferenceZone: conference.timeZone, timesWithoutOffset: schedule.timesWithoutOffset });
  const warnings = zone ? [zone, ...schedule.warnings] : schedule.warnings;

  const result = await prisma.$transaction(
    async (tx) => {
      // Two imports at once would both create the same new rows: take turns per conference.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`plenary:import:${conferenceId}`}))`;
      return writeSchedule(tx as unknown as typeof prisma, conferenceId, schedule, input.overwriteEdits);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  await publishScheduleChanged({ conferenceId });
  const conflicts = await findScheduleConflicts({ conferenceId });
  return { format, ...result, warnings, conflicts: conflicts.length };
}

/** An export parsed and checked, without writing anything; times without an offset are read in `fallbackTimeZone` unless the export names a zone. */
export function readExport(options: { input: ImportScheduleInput; fallbackTimeZone: string }): {
  format: ImportResult["format"];
  schedule: ImportedSchedule;
} {
  const { input, fallbackTimeZone } = options;
  const format = input.format === "auto" ? detectFormat(input.source) : input.format;
  const schedule = checkText(
    format === "pretalx-json"
      ? parsePretalxSchedule({ source: input.source, fallbackTimeZone })
      : parseFrabSchedule({ source: input.source, fallbackTimeZone }),
  );
  if (schedule.talks.length === 0) throw new AppError("INVALID_INPUT", "This export has no talks in it");
  return { format, schedule };
}

/** The parsed export through the text rules (NUL refused, invisible characters removed, lengths held), before anything is written. */
function checkText(schedule: ImportedSchedule): ImportedSchedule {
  const checked = ImportedSchedule.safeParse(schedule);
  if (checked.success) return checked.data;
  const { message } = formatZodError(checked.error);
  throw new AppError("INVALID_INPUT", `This export has text Plenary cannot take: ${message}`);
}

function detectFormat(source: string): "pretalx-json" | "frab-xml" {
  const start = source.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("{")) return "pretalx-json";
  if (start.startsWith("<")) return "frab-xml";
  throw new AppError("INVALID_INPUT", "Upload a pretalx schedule.json or a frab schedule.xml", {
    fields: { source: ["Upload a pretalx schedule.json or a frab schedule.xml"] },
  });
}

async function writeSchedule(tx: typeof prisma, conferenceId: string, schedule: ImportedSchedule, overwriteEdits: boolean) {
  const result = {
    stages: counts(),
    tracks: counts(),
    speakers: counts(),
    talks: counts(),
    kept: [] as EditedTalk[],
    overwritten: [] as EditedTalk[],
  };

  // Stages, matched by name or slug; new ones go after the existing columns, in export order.
  const stages = await tx.stage.findMany({ where: { conferenceId }, select: { id: true, name: true, slug: true, position: true } });
  const stageByKey = new Map<string, string>();
  for (const s of stages) {
    stageByKey.set(key(s.name), s.id);
    stageByKey.set(`slug:${s.slug}`, s.id);
  }
  const stageSlugs = new Set(stages.map((s) => s.slug));
  let position = Math.max(-1, ...stages.map((s) => s.position)) + 1;
  for (const stage of schedule.stages) {
    const existing = stageByKey.get(key(stage.name)) ?? stageByKey.get(`slug:${slugify(stage.name)}`);
    if (existing) {
      stageByKey.set(key(stage.name), existing);
      result.stages.unchanged++;
      continue;
    }
    const slug = uniqueSlug(slugify(stage.name), stageSlugs);
    stageSlugs.add(slug);
    const created = await tx.stage.create({ data: { conferenceId, name: stage.name, slug, position: position++ }, select: { id: true } });
    stageByKey.set(key(stage.name), created.id);
    result.stages.created++;
  }

  // Tracks, matched by name or slug; a colour from the export wins over ours.
  const tracks = await tx.track.findMany({ where: { conferenceId }, select: { id: true, name: true, slug: true, color: true } });
  const trackByKey = new Map<string, (typeof tracks)[number]>();
  for (const t of tracks) {
    trackByKey.set(key(t.name), t);
    trackByKey.set(`slug:${t.slug}`, t);
  }
  const trackSlugs = new Set(tracks.map((t) => t.slug));
  const trackIdByName = new Map<string, string>();
  for (const track of schedule.tracks) {
    const existing = trackByKey.get(key(track.name)) ?? trackByKey.get(`slug:${slugify(track.name)}`);
    if (existing) {
      trackIdByName.set(key(track.name), existing.id);
      if (track.color && track.color.toLowerCase() !== existing.color.toLowerCase()) {
        await tx.track.update({ where: { id: existing.id }, data: { color: track.color } });
        existing.color = track.color;
        result.tracks.updated++;
      } else result.tracks.unchanged++;
      continue;
    }
    const slug = uniqueSlug(slugify(track.name), trackSlugs);
    trackSlugs.add(slug);
    const created = await tx.track.create({
      data: { conferenceId, name: track.name, slug, ...(track.color ? { color: track.color } : {}) },
      select: { id: true, name: true, slug: true, color: true },
    });
    trackByKey.set(key(track.name), created);
    trackIdByName.set(key(track.name), created.id);
    result.tracks.created++;
  }

  // Speakers, by external id.
  const speakerRows = await tx.speaker.findMany({
    where: { conferenceId, externalId: { in: schedule.speakers.map((s) => s.externalId) } },
    select: { id: true, externalId: true, name: true, bio: true, avatarUrl: true },
  });
  const speakerByExternalId = new Map(speakerRows.map((s) => [s.externalId!, s]));
  const speakerSlugs = new Set((await tx.speaker.findMany({ where: { conferenceId }, select: { slug: true } })).map((s) => s.slug));
  const speakerIdByExternalId = new Map<string, string>();
  for (const speaker of schedule.speakers) {
    const existing = speakerByExternalId.get(speaker.externalId);
    if (existing) {
      speakerIdByExternalId.set(speaker.externalId, existing.id);
      const changes = {
        ...(existing.name !== speaker.name ? { name: speaker.name } : {}),
        ...(speaker.bio !== undefined && existing.bio !== speaker.bio ? { bio: speaker.bio } : {}),
        ...(speaker.avatarUrl !== undefined && existing.avatarUrl !== speaker.avatarUrl ? { avatarUrl: speaker.avatarUrl } : {}),
      };
      if (Object.keys(changes).length) {
        await tx.speaker.update({ where: { id: existing.id }, data: changes });
        result.speakers.updated++;
      } else result.speakers.unchanged++;
      continue;
    }
    const slug = uniqueSlug(slugify(speaker.name), speakerSlugs);
    speakerSlugs.add(slug);
    const created = await tx.speaker.create({
      data: {
        conferenceId,
        externalId: speaker.externalId,
        slug,
        name: speaker.name,
        bio: speaker.bio ?? "",
        avatarUrl: speaker.avatarUrl ?? null,
      },
      select: { id: true },
    });
    speakerIdByExternalId.set(speaker.externalId, created.id);
    result.speakers.created++;
  }

  // Talks, by external id.
  const talkRows = await tx.talk.findMany({
    where: { conferenceId, externalId: { in: schedule.talks.map((t) => t.externalId) } },
    select: {
      id: true,
      externalId: true,
      title: true,
      abstract: true,
      kind: true,
      startsAt: true,
      endsAt: true,
      stageId: true,
      trackId: true,
      importedValues: true,
      speakers: { select: { speakerId: true }, orderBy: { position: "asc" } },
    },
  });
  const talkByExternalId = new Map(talkRows.map((t) => [t.externalId!, t]));
  const talkSlugs = new Set((await tx.talk.findMany({ where: { conferenceId }, select: { slug: true } })).map((t) => t.slug));

  for (const talk of schedule.talks) {
    const stageId = stageByKey.get(key(talk.stageName));
    // Both come from one naming rule (normalize.ts exportNames); a miss is a bug in a parser, said as such.
    if (!stageId) throw new AppError("INVALID_INPUT", `“${talk.title}” names the room “${talk.stageName}”, which the export does not list`);
    const trackId = talk.trackName ? (trackIdByName.get(key(talk.trackName)) ?? null) : null;
    const speakerIds = talk.speakerExternalIds.map((id) => speakerIdByExternalId.get(id)!).filter(Boolean);
    const exported: ImportedValues = {
      title: talk.title,
      abstract: talk.abstract,
      kind: talk.kind,
      startsAt: talk.startsAt.toISOString(),
      endsAt: talk.endsAt.toISOString(),
      stageId,
      trackId,
      speakerIds,
    };
    const existing = talkByExternalId.get(talk.externalId);
    if (!existing) {
      const slug = uniqueSlug(slugify(talk.title), talkSlugs);
      talkSlugs.add(slug);
      await tx.talk.create({
        data: {
          conferenceId,
          externalId: talk.externalId,
          slug,
          streamKey: randomBytes(24).toString("base64url"),
          ...talkData(exported),
          importedValues: exported,
          speakers: { create: speakerIds.map((speakerId, position) => ({ speakerId, position })) },
        },
        select: { id: true },
      });
      result.talks.created++;
      continue;
    }

    const current: ImportedValues = {
      title: existing.title,
      abstract: existing.abstract,
      kind: existing.kind,
      startsAt: existing.startsAt.toISOString(),
      endsAt: existing.endsAt.toISOString(),
      stageId: existing.stageId,
      trackId: existing.trackId,
      speakerIds: existing.speakers.map((s) => s.speakerId),
    };
    // Talks imported before importedValues existed have none: nothing counts as edited.
    const stored = ImportedValues.safeParse(existing.importedValues);
    const last = stored.success ? stored.data : null;
    const next = { ...current };
    const kept: ImportedTalkField[] = [];
    const overwritten: ImportedTalkField[] = [];
    for (const field of IMPORTED_TALK_FIELDS) {
      if (sameField(field, current, exported)) continue;
      const edited = last !== null && !sameField(field, current, last);
      if (edited && !overwriteEdits) {
        kept.push(field);
        continue;
      }
      if (edited) overwritten.push(field);
      copyField(field, exported, next);
    }
    if (kept.length) result.kept.push({ talkId: existing.id, title: existing.title, fields: kept });
    if (overwritten.length) result.overwritten.push({ talkId: existing.id, title: next.title, fields: overwritten });

    const changed = IMPORTED_TALK_FIELDS.some((field) => field !== "speakers" && !sameField(field, current, next));
    const speakersChanged = !sameField("speakers", current, next);
    const importedChanged = last === null || IMPORTED_TALK_FIELDS.some((field) => !sameField(field, last, exported));
    if (changed || importedChanged) {
      await tx.talk.update({
        where: { id: existing.id },
        data: { ...(changed ? talkData(next) : {}), importedValues: exported },
        select: { id: true },
      });
    }
    if (speakersChanged) {
      await tx.talkSpeaker.deleteMany({ where: { talkId: existing.id } });
      await tx.talkSpeaker.createMany({ data: next.speakerIds.map((speakerId, position) => ({ talkId: existing.id, speakerId, position })) });
    }
    if (changed || speakersChanged) result.talks.updated++;
    else result.talks.unchanged++;
  }
  return result;
}

function sameField(field: ImportedTalkField, a: ImportedValues, b: ImportedValues): boolean {
  switch (field) {
    case "time":
      return a.startsAt === b.startsAt && a.endsAt === b.endsAt;
    case "stage":
      return a.stageId === b.stageId;
    case "track":
      return a.trackId === b.trackId;
    case "speakers":
      return a.speakerIds.join() === b.speakerIds.join();
    default:
      return a[field] === b[field];
  }
}

function copyField(field: ImportedTalkField, from: ImportedValues, to: ImportedValues) {
  if (field === "time") Object.assign(to, { startsAt: from.startsAt, endsAt: from.endsAt });
  else if (field === "stage") to.stageId = from.stageId;
  else if (field === "track") to.trackId = from.trackId;
  else if (field === "speakers") to.speakerIds = from.speakerIds;
  else to[field] = from[field];
}

/** The talk columns of a set of values (speakers are rows of their own). */
function talkData(values: ImportedValues) {
  return {
    title: values.title,
    abstract: values.abstract,
    kind: values.kind as ImportedSchedule["talks"][number]["kind"],
    startsAt: new Date(values.startsAt),
    endsAt: new Date(values.endsAt),
    stageId: values.stageId,
    trackId: values.trackId,
  };
}
