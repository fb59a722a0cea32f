import { json, findUser, parseJson, withErrors, type RouteContext } from "@/app/api/_lib/route";
import { CreateChapterInput } from "@/lib/chapters/schemas";
import { createChapter } from "@/lib/chapters/create-chapter";
import { listChapters } from "@/lib/chapters/list-chapters";

type Context = RouteContext<{ talkId: string }>;

// GET /api/talks/:talkId/chapters -> { chapters, canEdit } (anyone who may watch the talk)
export const GET = withErrors(async (request: Request, context: Context) => {
  const user = await findUser(request);
  const { talkId } = await context.params;
  return json(await listChapters({ talkId, userId: user?.id ?? null }));
});

// POST /api/talks/:talkId/chapters { title, offsetSeconds } -> 201 { chapter } (speakers of the talk, organizers)
export const POST = withErrors(async (request: Request, context: Context) => {
  const user = await findUser(request);
  const { talkId } = await context.params;
  const input = await parseJson(request, CreateChapterInput);
  return json({ chapter: await createChapter({ talkId, userId: user?.id ?? null, input }) }, { status: 201 });
});
