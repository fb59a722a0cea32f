import { json, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { getEditorSchedule } from "@/lib/schedule-editor/get-editor-schedule";

// GET /api/admin/schedule — stages, tracks, speakers, talks and conflicts for the editor.
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  return json(await getEditorSchedule({ conferenceId: conference.id }));
});
