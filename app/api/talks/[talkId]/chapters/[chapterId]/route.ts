import { json, findUser, parseJson, withErrors, type RouteContext } from "@/app/api/_lib/route";
import { UpdateChapterInput } from "@/lib/chapters/schemas";
import { updateChapter } from "@/lib/chapters/update-chapter";
import { deleteChapter } from "@/lib/chapters/delete-chapter";

type Context = RouteContext<{ talkId: string; chapterId: string }>;

// PATCH /api/talks/:talkId/chapters/:chapterId { title?, offsetSeconds? } -> { chapter }
export const PATCH = withErrors(async (request: Request, context: Context) => {
  const user = await findUser(request);
  const { talkId, chapterId } = await context.params;
  const input = await parseJson(request, UpdateChapterInput);
  return json({ chapter: await updateChapter({ talkId, chapterId, userId: user?.id ?? null, input }) });
});

// DELETE /api/talks/:talkId/chapters/:chapterId -> { deleted }
export const DELETE = withErrors(async (request: Request, context: Context) => {
  const user = await findUser(request);
  const { talkId, chapterId } = await context.params;
  return json(await deleteChapter({ talkId, chapterId, userId: user?.id ?? null }));
});
