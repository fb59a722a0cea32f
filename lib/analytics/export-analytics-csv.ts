import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { CSV_BOM, csvCell } from "@/lib/tickets/export-tickets-csv";
import { getConferenceAnalytics } from "./get-conference-analytics";
import { listSalesByDay } from "./list-sales-by-day";
import type { AnalyticsExportQuery } from "./schemas";

const row = (cells: (string | number | null)[]) => cells.map(csvCell).join(",");

/**
 * The dashboard's numbers as CSV (UTF-8 with a byte-order mark, like the ticket exports): one row
 * per talk, per day of sales, or per minute of one talk (every minute with any viewer or activity).
 */
export async function exportAnalyticsCsv(options: { conferenceId: string; timeZone: string; query: AnalyticsExportQuery }): Promise<string> {
  const { conferenceId, timeZone, query } = options;
  const lines: string[] = [];
  if (query.kind === "talks") {
    const { talks } = await getConferenceAnalytics({ conferenceId, timeZone });
    lines.push(
      row([
        "talk",
        "stage",
        "starts_at",
        "live_viewers",
        "peak_live",
        "replay_viewers",
        "peak_replay",
        "unique_viewers",
        "live_minutes",
        "replay_minutes",
        "average_minutes",
        "chat_messages",
        "questions",
      ]),
    );
    for (const t of talks) {
      lines.push(
        row([
          t.title,
          t.stage,
          t.startsAt,
          t.liveViewers,
          t.peakLive,
          t.replayViewers,
          t.peakReplay,
          t.uniqueViewers,
          t.liveMinutes,
          t.replayMinutes,
          t.averageMinutes,
          t.chatMessages,
          t.questions,
        ]),
      );
    }
  } else if (query.kind === "sales") {
    lines.push(row(["day", "orders", "tickets", "revenue", "discount_redemptions"]));
    for (const d of await listSalesByDay({ conferenceId, timeZone })) {
      lines.push(row([d.day, d.orders, d.tickets, (d.revenueCents / 100).toFixed(2), d.redemptions]));
    }
  } else {
    const talk = await prisma.talk.findFirst({ where: { id: query.talkId, conferenceId }, select: { id: true } });
    if (!talk) throw notFound("Talk");
    const minutes = await prisma.$queryRaw<{ minute: Date; live: number; replay: number; chat: number; questions: number }[]>`
      WITH viewers AS (
        SELECT v."minute", count(DISTINCT v."viewerKey") FILTER (WHERE v."mode" <> 'REPLAY')::int AS live,
               count(DISTINCT v."viewerKey") FILTER (WHERE v."mode" = 'REPLAY')::int AS replay
        FROM "ViewerMinute" v WHERE v."talkId" = ${talk.id} GROUP BY v."minute"
      ),
      chat AS (SELECT date_trunc('minute', m."createdAt") AS minute, count(*)::int AS n FROM "ChatMessage" m WHERE m."talkId" = ${talk.id} GROUP BY 1),
      questions AS (SELECT date_trunc('minute', q."createdAt") AS minute, count(*)::int AS n FROM "Question" q WHERE q."talkId" = ${talk.id} GROUP BY 1)
      SELECT coalesce(v.minute, c.minute, q.minute) AS minute, coalesce(v.live, 0) AS live, coalesce(v.replay, 0) AS replay,
             coalesce(c.n, 0) AS chat, coalesce(q.n, 0) AS questions
      FROM viewers v
      FULL JOIN chat c ON c.minute = v.minute
      FULL JOIN questions q ON q.minute = coalesce(v.minute, c.minute)
      ORDER BY 1`;
    lines.push(row(["minute_utc", "live_viewers", "replay_viewers", "chat_messages", "questions"]));
    for (const m of minutes) lines.push(row([m.minute.toISOString(), m.live, m.replay, m.chat, m.questions]));
  }
  return CSV_BOM + lines.join("\r\n") + "\r\n";
}
