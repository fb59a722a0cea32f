import type { z } from "zod";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { AppError, formatZodError, notFound } from "@/lib/errors/app-error";
import { findScheduleConflicts } from "@/lib/schedule-editor/find-schedule-conflicts";
import { publishScheduleChanged } from "@/lib/schedule-editor/publish-schedule-changed";
import { slugify, uniqueSlug } from "@/lib/schedule-editor/slugify";
import { parseFrabSchedule } from "./parse-frab-schedule";
import { parsePretalxSchedule } from "./parse-pretalx-schedule";
import { ImportedSchedule, ImportScheduleInput, type ImportCounts, type ImportResult } from "./schemas";

const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });
const key = (name: string) => name.trim().toLowerCase();

/**
 * Imports a pretalx JSON or frab XML schedule into a conference. Talks and speakers are matched
 * by their external id (Talk and Speaker are unique on conferenceId + externalId), stages and
 * tracks by name, so importing the same export twice changes nothing and a newer export updates
 * in place. What the organizer set in Plenary and the export does not know (a talk's slug,
 * public flag, status and stream key) is kept. Talks missing from the export are left alone.
 * All of it happens in one transaction: a failed import leaves the schedule as it was.
 */
export async function importSchedule(options: { conferenceId: string; input: z.input<typeof ImportScheduleInput> }): Promise<ImportResult> {
  const { conferenceId } = options;
  const input = ImportScheduleInput.parse(options.input);
  const conference = await prisma.conference.findUnique({ where: { id: conferenceId }, select: { timeZone: true } });
  if (!conference) throw notFound("Conference");

  const format = input.format === "auto" ? detectFormat(input.source) : input.format;
  const schedule = checkText(
    format === "pretalx-json"
      ? parsePretalxSchedule({ source: input.source, fallbackTimeZone: conference.timeZone })
      : parseFrabSchedule({ source: input.source, fallbackTimeZone: conference.timeZone }),
  );
  if (schedule.talks.length === 0) throw new AppError("INVALID_INPUT", "This export has no talks in it");

  const warnings = [...schedule.warnings];
  if (schedule.timeZone && schedule.timeZone !== conference.timeZone) {
    warnings.push(`The export plans in ${schedule.timeZone}, this conference in ${conference.timeZone}: times were kept as exact instants`);
  }

  const result = await prisma.$transaction(
    async (tx) => {
      // Two imports at once would both create the same new rows: take turns per conference.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`plenary:import:${conferenceId}`}))`;
      return writeSchedule(tx as unknown as typeof prisma, conferenceId, schedule);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  await publishScheduleChanged({ conferenceId });
  const conflicts = await findScheduleConflicts({ conferenceId });
  return { format, ...result, warnings, conflicts: conflicts.length };
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

async function writeSchedule(tx: typeof prisma, conferenceId: string, schedule: ImportedSchedule) {
  const result = { stages: counts(), tracks: counts(), speakers: counts(), talks: counts() };

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
      speakers: { select: { speakerId: true }, orderBy: { position: "asc" } },
    },
  });
  const talkByExternalId = new Map(talkRows.map((t) => [t.externalId!, t]));
  const talkSlugs = new Set((await tx.talk.findMany({ where: { conferenceId }, select: { slug: true } })).map((t) => t.slug));

  for (const talk of schedule.talks) {
    const stageId = stageByKey.get(key(talk.stageName))!;
    const trackId = talk.trackName ? (trackIdByName.get(key(talk.trackName)) ?? null) : null;
    const speakerIds = talk.speakerExternalIds.map((id) => speakerIdByExternalId.get(id)!).filter(Boolean);
    const fields = { title: talk.title, abstract: talk.abstract, kind: talk.kind, startsAt: talk.startsAt, endsAt: talk.endsAt, stageId, trackId };
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
          ...fields,
          speakers: { create: speakerIds.map((speakerId, position) => ({ speakerId, position })) },
        },
        select: { id: true },
      });
      result.talks.created++;
      continue;
    }
    const changed =
      existing.title !== fields.title ||
      existing.abstract !== fields.abstract ||
      existing.kind !== fields.kind ||
      existing.startsAt.getTime() !== fields.startsAt.getTime() ||
      existing.endsAt.getTime() !== fields.endsAt.getTime() ||
      existing.stageId !== fields.stageId ||
      existing.trackId !== fields.trackId;
    const speakersChanged = existing.speakers.map((s) => s.speakerId).join() !== speakerIds.join();
    if (changed) await tx.talk.update({ where: { id: existing.id }, data: fields, select: { id: true } });
    if (speakersChanged) {
      await tx.talkSpeaker.deleteMany({ where: { talkId: existing.id } });
      await tx.talkSpeaker.createMany({ data: speakerIds.map((speakerId, position) => ({ talkId: existing.id, speakerId, position })) });
    }
    if (changed || speakersChanged) result.talks.updated++;
    else result.talks.unchanged++;
  }
  return result;
}
