import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { updateTrack } from "@/lib/schedule-editor/update-track";
import { deleteTrack } from "@/lib/schedule-editor/delete-track";
import { UpdateTrackInput } from "@/lib/schedule-editor/schemas";

type Context = ConferenceRouteContext<{ trackId: string }>;

// PATCH /api/admin/schedule/tracks/:trackId -> { track }
export const PATCH = withErrors(async (request: Request, context: Context) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { trackId } = await context.params;
  const input = await parseJson(request, UpdateTrackInput);
  return json(await updateTrack({ conferenceId: conference.id, trackId, input }));
});

// DELETE /api/admin/schedule/tracks/:trackId
export const DELETE = withErrors(async (request: Request, context: Context) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { trackId } = await context.params;
  return json(await deleteTrack({ conferenceId: conference.id, trackId }));
});
