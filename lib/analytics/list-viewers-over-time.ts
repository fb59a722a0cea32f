import { prisma, Prisma } from "@/lib/db/client";
import type { TimeSeries } from "./schemas";
import { bucketMinutesFor } from "./time-buckets";

type Span = { first: Date | null; last: Date | null };

/**
 * Concurrent viewers of one talk, or of a whole conference (a person watching two talks at once
 * is one), as it aired (live and premiere) or in replay: each bucket holds its busiest minute, and
 * buckets without anyone are there with 0, from the first minute watched to the last.
 */
export async function listViewersOverTime(
  options: ({ talkId: string } | { conferenceId: string }) & { replay: boolean },
): Promise<TimeSeries<"viewers">> {
  const scope =
    "talkId" in options
      ? Prisma.sql`v."talkId" = ${options.talkId}`
      : Prisma.sql`v."talkId" IN (SELECT t."id" FROM "Talk" t WHERE t."conferenceId" = ${options.conferenceId})`;
  const where = Prisma.sql`${scope} AND ${options.replay ? Prisma.sql`v."mode" = 'REPLAY'` : Prisma.sql`v."mode" <> 'REPLAY'`}`;
  const [span] = await prisma.$queryRaw<Span[]>`SELECT min(v."minute") AS first, max(v."minute") AS last FROM "ViewerMinute" v WHERE ${where}`;
  if (!span?.first || !span.last) return { bucketMinutes: 1, points: [] };
  const step = bucketMinutesFor(span.first, span.last);
  const points = await prisma.$queryRaw<{ at: Date; viewers: number }[]>`
    WITH per_minute AS (
      SELECT v."minute", count(DISTINCT v."viewerKey")::int AS viewers FROM "ViewerMinute" v WHERE ${where} GROUP BY v."minute"
    ),
    per_bucket AS (
      SELECT date_bin(make_interval(mins => ${step}::int), "minute", ${span.first}::timestamp(3)) AS at, max(viewers) AS viewers
      FROM per_minute GROUP BY 1
    )
    SELECT g.at, coalesce(b.viewers, 0)::int AS viewers
    FROM generate_series(${span.first}::timestamp(3), ${span.last}::timestamp(3), make_interval(mins => ${step}::int)) AS g(at)
    LEFT JOIN per_bucket b ON b.at = g.at
    ORDER BY g.at`;
  return { bucketMinutes: step, points: points.map((p) => ({ at: p.at.toISOString(), viewers: p.viewers })) };
}
