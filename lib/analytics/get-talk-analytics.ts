import { prisma, Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { TalkAudience, TimeSeries } from "./schemas";
import { talkAudienceQuery, toTalkAudience, type TalkAudienceRow } from "./talk-audience-sql";
import { bucketMinutesFor, minuteOf } from "./time-buckets";
import { listViewersOverTime } from "./list-viewers-over-time";

export type TalkAnalytics = {
  audience: TalkAudience;
  endsAt: string;
  /** Concurrent viewers as it aired (live and premiere): the busiest minute of each bucket. */
  live: TimeSeries<"viewers">;
  /** Concurrent viewers of the recording afterwards, the same way. */
  replay: TimeSeries<"viewers">;
  /** Chat messages and questions sent in each bucket. */
  activity: TimeSeries<"chat" | "questions">;
};

type Span = { first: Date | null; last: Date | null };

/** A talk of the conference with its viewers over time and its chat and Q&A activity. */
export async function getTalkAnalytics(options: { conferenceId: string; talkId: string }): Promise<TalkAnalytics> {
  const { conferenceId, talkId } = options;
  const talk = await prisma.talk.findFirst({ where: { id: talkId, conferenceId }, select: { id: true, startsAt: true, endsAt: true } });
  if (!talk) throw notFound("Talk");
  const [rows, live, replay, activity] = await Promise.all([
    prisma.$queryRaw<TalkAudienceRow[]>(talkAudienceQuery(Prisma.sql`t."id" = ${talkId}`)),
    listViewersOverTime({ talkId, replay: false }),
    listViewersOverTime({ talkId, replay: true }),
    activitySeries(talkId, talk.startsAt, talk.endsAt),
  ]);
  return { audience: toTalkAudience(rows[0]), endsAt: talk.endsAt.toISOString(), live, replay, activity };
}

/** Buckets from `from` to `to` (a generate_series), each `step` minutes long, starting at `from`. */
function buckets(from: Date, to: Date, step: number) {
  return Prisma.sql`generate_series(${from}::timestamp(3), ${to}::timestamp(3), make_interval(mins => ${step}::int)) AS g(at)`;
}

/** From the talk's slot (or the first message or question before it) to the last one after it. */
async function activitySeries(talkId: string, startsAt: Date, endsAt: Date): Promise<TimeSeries<"chat" | "questions">> {
  const [span] = await prisma.$queryRaw<Span[]>`
    SELECT min(at) AS first, max(at) AS last FROM (
      SELECT m."createdAt" AS at FROM "ChatMessage" m WHERE m."talkId" = ${talkId}
      UNION ALL SELECT q."createdAt" FROM "Question" q WHERE q."talkId" = ${talkId}
    ) a`;
  if (!span?.first || !span.last) return { bucketMinutes: 1, points: [] };
  const first = minuteOf(span.first < startsAt ? span.first : startsAt);
  const last = minuteOf(span.last > endsAt ? span.last : new Date(endsAt.getTime() - 60_000));
  const step = bucketMinutesFor(first, last);
  const points = await prisma.$queryRaw<{ at: Date; chat: number; questions: number }[]>`
    WITH events AS (
      SELECT m."createdAt" AS at, 1 AS chat, 0 AS question FROM "ChatMessage" m WHERE m."talkId" = ${talkId}
      UNION ALL SELECT q."createdAt", 0, 1 FROM "Question" q WHERE q."talkId" = ${talkId}
    ),
    per_bucket AS (
      SELECT date_bin(make_interval(mins => ${step}::int), at, ${first}::timestamp(3)) AS at, sum(chat)::int AS chat, sum(question)::int AS questions
      FROM events GROUP BY 1
    )
    SELECT g.at, coalesce(b.chat, 0)::int AS chat, coalesce(b.questions, 0)::int AS questions
    FROM ${buckets(first, last, step)} LEFT JOIN per_bucket b ON b.at = g.at ORDER BY g.at`;
  return { bucketMinutes: step, points: points.map((p) => ({ at: p.at.toISOString(), chat: p.chat, questions: p.questions })) };
}
