import { prisma, Prisma } from "@/lib/db/client";
import type { SalesDay, TalkAudience, TimeSeries } from "./schemas";
import { talkAudienceQuery, toTalkAudience, type TalkAudienceRow } from "./talk-audience-sql";
import { listSalesByDay } from "./list-sales-by-day";
import { listViewersOverTime } from "./list-viewers-over-time";

export type ConferenceAnalytics = {
  totals: {
    uniqueViewers: number;
    /** The busiest minute across every talk, live or replay. */
    peakConcurrent: number;
    watchMinutes: number;
    averageMinutes: number;
    chatMessages: number;
    questions: number;
    ticketsSold: number;
    revenueCents: number;
    redemptions: number;
  };
  talks: TalkAudience[];
  /** People watching any talk at once, as it aired and in replay. */
  live: TimeSeries<"viewers">;
  replay: TimeSeries<"viewers">;
  sales: SalesDay[];
};

/** A conference's audience and sales, aggregated in PostgreSQL (one query per figure family). */
export async function getConferenceAnalytics(options: { conferenceId: string; timeZone: string }): Promise<ConferenceAnalytics> {
  const { conferenceId, timeZone } = options;
  const [rows, overall, sales, live, replay] = await Promise.all([
    prisma.$queryRaw<TalkAudienceRow[]>(talkAudienceQuery(Prisma.sql`t."conferenceId" = ${conferenceId}`)),
    // A person who watched three talks is one viewer of the conference; the peak counts people at once.
    prisma.$queryRaw<{ uniqueViewers: bigint; watchMinutes: bigint; peakConcurrent: number | null }[]>`
      WITH vm AS (
        SELECT v."minute", v."viewerKey", v."talkId" FROM "ViewerMinute" v JOIN "Talk" t ON t."id" = v."talkId"
        WHERE t."conferenceId" = ${conferenceId}
      )
      SELECT (SELECT count(DISTINCT "viewerKey") FROM vm) AS "uniqueViewers",
             (SELECT count(*) FROM (SELECT DISTINCT "talkId", "viewerKey", "minute" FROM vm) d) AS "watchMinutes",
             (SELECT max(n) FROM (SELECT count(DISTINCT "viewerKey")::int AS n FROM vm GROUP BY "minute") m) AS "peakConcurrent"`,
    listSalesByDay({ conferenceId, timeZone }),
    listViewersOverTime({ conferenceId, replay: false }),
    listViewersOverTime({ conferenceId, replay: true }),
  ]);
  const talks = rows.map(toTalkAudience);
  const uniqueViewers = Number(overall[0]?.uniqueViewers ?? 0);
  const watchMinutes = Number(overall[0]?.watchMinutes ?? 0);
  const sum = <K extends keyof SalesDay>(key: K) => sales.reduce((total, day) => total + (day[key] as number), 0);
  return {
    totals: {
      uniqueViewers,
      peakConcurrent: overall[0]?.peakConcurrent ?? 0,
      watchMinutes,
      averageMinutes: uniqueViewers ? Math.round((watchMinutes / uniqueViewers) * 10) / 10 : 0,
      chatMessages: talks.reduce((n, t) => n + t.chatMessages, 0),
      questions: talks.reduce((n, t) => n + t.questions, 0),
      ticketsSold: sum("tickets"),
      revenueCents: sum("revenueCents"),
      redemptions: sum("redemptions"),
    },
    talks,
    live,
    replay,
    sales,
  };
}
