import { parseQuery, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { exportAnalyticsCsv } from "@/lib/analytics/export-analytics-csv";
import { AnalyticsExportQuery } from "@/lib/analytics/schemas";

// GET /api/conferences/{conference}/admin/analytics/export?kind=talks|sales|talk&talkId= — the dashboard's numbers as CSV.
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const query = parseQuery(request, AnalyticsExportQuery);
  const csv = await exportAnalyticsCsv({ conferenceId: conference.id, timeZone: conference.timeZone, query });
  const day = new Date().toISOString().slice(0, 10);
  const what = query.kind === "talk" ? `talk-${query.talkId}` : query.kind;
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${conference.slug}-analytics-${what}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
