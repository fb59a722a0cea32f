import { prisma } from "@/lib/db/client";
import type { ScheduleConflict } from "./schemas";

type StageRow = { a: string; b: string; stageId: string; stageName: string; aTitle: string; bTitle: string };
type SpeakerRow = { a: string; b: string; speakerId: string; speakerName: string; aTitle: string; bTitle: string };

/**
 * Overlapping talks on one stage and speakers booked into two talks at once, for a whole
 * conference or only those involving one talk. Slots are half-open: a talk ending at 10:00 and
 * one starting at 10:00 do not overlap. The database does the pairing (a self-join on the
 * stage/start index) so the editor stays fast with a thousand talks.
 */
export async function findScheduleConflicts(options: { conferenceId: string; talkId?: string }): Promise<ScheduleConflict[]> {
  const talkId = options.talkId ?? null;
  const [stageRows, speakerRows] = await Promise.all([
    prisma.$queryRaw<StageRow[]>`
      SELECT a.id AS "a", b.id AS "b", s.id AS "stageId", s.name AS "stageName", a.title AS "aTitle", b.title AS "bTitle"
      FROM "Talk" a
      JOIN "Talk" b ON b."stageId" = a."stageId" AND b.id <> a.id
        AND (a."startsAt", a.id) < (b."startsAt", b.id)
        AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"
      JOIN "Stage" s ON s.id = a."stageId"
      WHERE a."conferenceId" = ${options.conferenceId}
        AND (${talkId}::text IS NULL OR a.id = ${talkId} OR b.id = ${talkId})
      ORDER BY a."startsAt", a.id, b.id`,
    prisma.$queryRaw<SpeakerRow[]>`
      SELECT a.id AS "a", b.id AS "b", sp.id AS "speakerId", sp.name AS "speakerName", a.title AS "aTitle", b.title AS "bTitle"
      FROM "TalkSpeaker" x
      JOIN "TalkSpeaker" y ON y."speakerId" = x."speakerId" AND y."talkId" <> x."talkId"
      JOIN "Talk" a ON a.id = x."talkId"
      JOIN "Talk" b ON b.id = y."talkId"
      JOIN "Speaker" sp ON sp.id = x."speakerId"
      WHERE a."conferenceId" = ${options.conferenceId}
        AND (a."startsAt", a.id) < (b."startsAt", b.id)
        AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"
        AND (${talkId}::text IS NULL OR a.id = ${talkId} OR b.id = ${talkId})
      ORDER BY a."startsAt", a.id, b.id, sp.name`,
  ]);
  return [
    ...stageRows.map((r): ScheduleConflict => ({
      kind: "STAGE_OVERLAP",
      talkIds: [r.a, r.b],
      stageId: r.stageId,
      message: `“${r.aTitle}” and “${r.bTitle}” overlap on ${r.stageName}`,
    })),
    ...speakerRows.map((r): ScheduleConflict => ({
      kind: "SPEAKER_DOUBLE_BOOKED",
      talkIds: [r.a, r.b],
      speakerId: r.speakerId,
      message: `${r.speakerName} is booked into “${r.aTitle}” and “${r.bTitle}” at the same time`,
    })),
  ];
}
