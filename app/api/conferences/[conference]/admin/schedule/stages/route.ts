import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { createStage } from "@/lib/schedule-editor/create-stage";
import { CreateStageInput } from "@/lib/schedule-editor/schemas";

// POST /api/admin/schedule/stages -> 201 { stage }
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const input = await parseJson(request, CreateStageInput);
  return json(await createStage({ conferenceId: conference.id, input }), { status: 201 });
});
