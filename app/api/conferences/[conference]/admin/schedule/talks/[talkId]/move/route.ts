import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { moveTalk } from "@/lib/schedule-editor/move-talk";
import { MoveTalkInput } from "@/lib/schedule-editor/schemas";

// POST /api/admin/schedule/talks/:talkId/move { stageId, startsAt } -> { talk, conflicts }
// Keeps the talk's length; open schedule pages refresh through "schedule:changed".
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext<{ talkId: string }>) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { talkId } = await context.params;
  const input = await parseJson(request, MoveTalkInput);
  return json(await moveTalk({ conferenceId: conference.id, talkId, input }));
});
