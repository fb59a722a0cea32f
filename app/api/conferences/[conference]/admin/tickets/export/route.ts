import { z } from "zod";
import { parseQuery, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { exportTicketsCsv } from "@/lib/tickets/export-tickets-csv";
import { ExportKind } from "@/lib/tickets/schemas";
import { safeText } from "@/lib/validation/text";

const ExportQuery = z.object({ kind: ExportKind.default("attendees"), q: safeText({ max: 200 }).optional() });

// GET /api/admin/tickets/export?kind=attendees|orders|codes&q= — a CSV download.
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { kind, q } = parseQuery(request, ExportQuery);
  const csv = await exportTicketsCsv({ conferenceId: conference.id, kind, q });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${conference.slug}-${kind}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
