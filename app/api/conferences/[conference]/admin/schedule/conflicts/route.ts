import { z } from "zod";
import { json, parseQuery, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { findScheduleConflicts } from "@/lib/schedule-editor/find-schedule-conflicts";

const ConflictsQuery = z.object({ talkId: z.string().min(1).max(64).optional() });

// GET /api/admin/schedule/conflicts[?talkId=] — stage overlaps and speaker double bookings.
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { talkId } = parseQuery(request, ConflictsQuery);
  return json({ conflicts: await findScheduleConflicts({ conferenceId: conference.id, talkId }) });
});
