import { findUser, withErrors, type RouteContext } from "@/app/api/_lib/route";
import { renderChaptersVtt } from "@/lib/chapters/render-chapters-vtt";

type Context = RouteContext<{ talkId: string }>;

// GET /api/talks/:talkId/chapters.vtt -> the chapters as a WebVTT chapters track
export const GET = withErrors(async (request: Request, context: Context) => {
  const user = await findUser(request);
  const { talkId } = await context.params;
  const vtt = await renderChaptersVtt({ talkId, userId: user?.id ?? null });
  return new Response(vtt, { headers: { "content-type": "text/vtt; charset=utf-8", "cache-control": "private, no-cache" } });
});
