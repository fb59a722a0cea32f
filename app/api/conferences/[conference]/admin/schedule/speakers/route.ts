import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { createSpeaker } from "@/lib/schedule-editor/create-speaker";
import { CreateSpeakerInput } from "@/lib/schedule-editor/schemas";

// POST /api/admin/schedule/speakers -> 201 { speaker }
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const input = await parseJson(request, CreateSpeakerInput);
  return json(await createSpeaker({ conferenceId: conference.id, input }), { status: 201 });
});
