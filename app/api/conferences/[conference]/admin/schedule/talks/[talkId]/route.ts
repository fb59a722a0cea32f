import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { deleteTalk } from "@/lib/schedule-editor/delete-talk";
import { getEditorTalkOrThrow } from "@/lib/schedule-editor/get-editor-talk";
import { updateTalk } from "@/lib/schedule-editor/update-talk";
import { UpdateTalkInput } from "@/lib/schedule-editor/schemas";

type Context = ConferenceRouteContext<{ talkId: string }>;

// GET /api/admin/schedule/talks/:talkId
export const GET = withErrors(async (request: Request, context: Context) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { talkId } = await context.params;
  return json({ talk: await getEditorTalkOrThrow({ conferenceId: conference.id, talkId }) });
});

// PATCH /api/admin/schedule/talks/:talkId — any subset of the talk's fields -> { talk, conflicts }
export const PATCH = withErrors(async (request: Request, context: Context) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { talkId } = await context.params;
  const input = await parseJson(request, UpdateTalkInput);
  return json(await updateTalk({ conferenceId: conference.id, talkId, input }));
});

// DELETE /api/admin/schedule/talks/:talkId (409 while the talk is live)
export const DELETE = withErrors(async (request: Request, context: Context) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { talkId } = await context.params;
  return json(await deleteTalk({ conferenceId: conference.id, talkId }));
});
