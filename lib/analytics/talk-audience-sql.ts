import { Prisma } from "@/lib/db/client";
import type { TalkAudience } from "./schemas";

// The audience figures of talks, shared by the conference overview and the talk page. A premiere
// counts as live: it is watched as it airs. Concurrent viewers of a minute are its distinct
// viewers; peak is the busiest minute; watch time is viewer-minutes.

type Row = {
  talkId: string;
  title: string;
  slug: string;
  stage: string;
  startsAt: Date;
  status: TalkAudience["status"];
  liveViewers: bigint;
  replayViewers: bigint;
  uniqueViewers: bigint;
  peakLive: number | null;
  peakReplay: number | null;
  liveMinutes: bigint;
  replayMinutes: bigint;
  chatMessages: bigint;
  questions: bigint;
};

/** One row per talk matching `where` (a condition on "Talk" t), busiest first within the schedule order. */
export function talkAudienceQuery(where: Prisma.Sql) {
  return Prisma.sql`
    WITH talks AS (
      SELECT t."id", t."title", t."slug", t."startsAt", t."status", s."name" AS stage
      FROM "Talk" t JOIN "Stage" s ON s."id" = t."stageId"
      WHERE ${where}
    ),
    vm AS (
      SELECT v."talkId", v."minute", v."viewerKey", (v."mode" = 'REPLAY') AS replay
      FROM "ViewerMinute" v WHERE v."talkId" IN (SELECT "id" FROM talks)
    ),
    watched AS (
      SELECT "talkId",
        count(DISTINCT "viewerKey") FILTER (WHERE NOT replay) AS "liveViewers",
        count(DISTINCT "viewerKey") FILTER (WHERE replay) AS "replayViewers",
        count(DISTINCT "viewerKey") AS "uniqueViewers",
        count(DISTINCT ("viewerKey", "minute")) FILTER (WHERE NOT replay) AS "liveMinutes",
        count(DISTINCT ("viewerKey", "minute")) FILTER (WHERE replay) AS "replayMinutes"
      FROM vm GROUP BY "talkId"
    ),
    per_minute AS (
      SELECT "talkId", replay, "minute", count(DISTINCT "viewerKey")::int AS viewers FROM vm GROUP BY 1, 2, 3
    ),
    peaks AS (
      SELECT "talkId", max(viewers) FILTER (WHERE NOT replay) AS "peakLive", max(viewers) FILTER (WHERE replay) AS "peakReplay"
      FROM per_minute GROUP BY "talkId"
    ),
    chat AS (
      SELECT m."talkId", count(*) AS n FROM "ChatMessage" m WHERE m."talkId" IN (SELECT "id" FROM talks) GROUP BY m."talkId"
    ),
    questions AS (
      SELECT q."talkId", count(*) AS n FROM "Question" q WHERE q."talkId" IN (SELECT "id" FROM talks) GROUP BY q."talkId"
    )
    SELECT t."id" AS "talkId", t."title", t."slug", t.stage, t."startsAt", t."status"::text AS "status",
      coalesce(w."liveViewers", 0) AS "liveViewers", coalesce(w."replayViewers", 0) AS "replayViewers",
      coalesce(w."uniqueViewers", 0) AS "uniqueViewers", p."peakLive", p."peakReplay",
      coalesce(w."liveMinutes", 0) AS "liveMinutes", coalesce(w."replayMinutes", 0) AS "replayMinutes",
      coalesce(c.n, 0) AS "chatMessages", coalesce(q.n, 0) AS "questions"
    FROM talks t
    LEFT JOIN watched w ON w."talkId" = t."id"
    LEFT JOIN peaks p ON p."talkId" = t."id"
    LEFT JOIN chat c ON c."talkId" = t."id"
    LEFT JOIN questions q ON q."talkId" = t."id"
    ORDER BY t."startsAt", t.stage, t."title"`;
}

export function toTalkAudience(row: Row): TalkAudience {
  const liveMinutes = Number(row.liveMinutes);
  const replayMinutes = Number(row.replayMinutes);
  const uniqueViewers = Number(row.uniqueViewers);
  return {
    talkId: row.talkId,
    title: row.title,
    slug: row.slug,
    stage: row.stage,
    startsAt: row.startsAt.toISOString(),
    status: row.status,
    liveViewers: Number(row.liveViewers),
    replayViewers: Number(row.replayViewers),
    uniqueViewers,
    peakLive: row.peakLive ?? 0,
    peakReplay: row.peakReplay ?? 0,
    liveMinutes,
    replayMinutes,
    averageMinutes: uniqueViewers ? Math.round(((liveMinutes + replayMinutes) / uniqueViewers) * 10) / 10 : 0,
    chatMessages: Number(row.chatMessages),
    questions: Number(row.questions),
  };
}

export type TalkAudienceRow = Row;
