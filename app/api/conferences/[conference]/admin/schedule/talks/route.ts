import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { createTalk } from "@/lib/schedule-editor/create-talk";
import { CreateTalkInput } from "@/lib/schedule-editor/schemas";

// POST /api/admin/schedule/talks { title, kind, startsAt, endsAt, stageId, trackId?, speakerIds? }
// -> 201 { talk, conflicts } (conflicts are warnings: the talk is saved).
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const input = await parseJson(request, CreateTalkInput);
  return json(await createTalk({ conferenceId: conference.id, input }), { status: 201 });
});
