import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { createTrack } from "@/lib/schedule-editor/create-track";
import { CreateTrackInput } from "@/lib/schedule-editor/schemas";

// POST /api/admin/schedule/tracks -> 201 { track }
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const input = await parseJson(request, CreateTrackInput);
  return json(await createTrack({ conferenceId: conference.id, input }), { status: 201 });
});
