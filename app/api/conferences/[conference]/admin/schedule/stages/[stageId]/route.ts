import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { updateStage } from "@/lib/schedule-editor/update-stage";
import { deleteStage } from "@/lib/schedule-editor/delete-stage";
import { UpdateStageInput } from "@/lib/schedule-editor/schemas";

type Context = ConferenceRouteContext<{ stageId: string }>;

// PATCH /api/admin/schedule/stages/:stageId -> { stage }
export const PATCH = withErrors(async (request: Request, context: Context) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { stageId } = await context.params;
  const input = await parseJson(request, UpdateStageInput);
  return json(await updateStage({ conferenceId: conference.id, stageId, input }));
});

// DELETE /api/admin/schedule/stages/:stageId (409 while talks are on it)
export const DELETE = withErrors(async (request: Request, context: Context) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { stageId } = await context.params;
  return json(await deleteStage({ conferenceId: conference.id, stageId }));
});
