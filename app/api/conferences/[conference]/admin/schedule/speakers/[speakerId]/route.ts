import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { updateSpeaker } from "@/lib/schedule-editor/update-speaker";
import { deleteSpeaker } from "@/lib/schedule-editor/delete-speaker";
import { UpdateSpeakerInput } from "@/lib/schedule-editor/schemas";

type Context = ConferenceRouteContext<{ speakerId: string }>;

// PATCH /api/admin/schedule/speakers/:speakerId -> { speaker }
export const PATCH = withErrors(async (request: Request, context: Context) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { speakerId } = await context.params;
  const input = await parseJson(request, UpdateSpeakerInput);
  return json(await updateSpeaker({ conferenceId: conference.id, speakerId, input }));
});

// DELETE /api/admin/schedule/speakers/:speakerId
export const DELETE = withErrors(async (request: Request, context: Context) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { speakerId } = await context.params;
  return json(await deleteSpeaker({ conferenceId: conference.id, speakerId }));
});
