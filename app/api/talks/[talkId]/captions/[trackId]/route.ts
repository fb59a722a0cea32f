import { json, findUser, withErrors, type RouteContext } from "@/app/api/_lib/route";
import { getCaptionTrackFileOrThrow } from "@/lib/captions/get-caption-track-file";
import { deleteCaptionTrack } from "@/lib/captions/delete-caption-track";

type Context = RouteContext<{ talkId: string; trackId: string }>;

// GET /api/talks/:talkId/captions/:trackId -> the WebVTT file (the player's <track>), for those who may watch
export const GET = withErrors(async (request: Request, context: Context) => {
  const user = await findUser(request);
  const { talkId, trackId } = await context.params;
  const track = await getCaptionTrackFileOrThrow({ talkId, trackId, userId: user?.id ?? null });
  return new Response(track.vtt, {
    headers: {
      "content-type": "text/vtt; charset=utf-8",
      "content-language": track.language,
      // Per viewer (ticket rules), and the URL changes when the file is replaced (?v=); a premiere's
      // cut grows as it airs, so that answer is not kept.
      "cache-control": track.cut ? "private, no-store" : "private, max-age=300",
    },
  });
});

// DELETE /api/talks/:talkId/captions/:trackId -> { deleted } (speakers of the talk, organizers)
export const DELETE = withErrors(async (request: Request, context: Context) => {
  const user = await findUser(request);
  const { talkId, trackId } = await context.params;
  return json(await deleteCaptionTrack({ talkId, trackId, userId: user?.id ?? null }));
});
