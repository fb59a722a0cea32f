import { AppError } from "@/lib/errors/app-error";
import { json, findUser, parseQuery, withErrors, type RouteContext } from "@/app/api/_lib/route";
import { CaptionTrackQuery, MAX_CAPTIONS_BYTES } from "@/lib/captions/schemas";
import { listCaptionTracks } from "@/lib/captions/list-caption-tracks";
import { uploadCaptionTrack } from "@/lib/captions/upload-caption-track";
import { mediaTypeOf, readBodyBytes } from "@/lib/security/read-body";

type Context = RouteContext<{ talkId: string }>;

// GET /api/talks/:talkId/captions -> { tracks, canUpload } (anyone who may watch the talk)
export const GET = withErrors(async (request: Request, context: Context) => {
  const user = await findUser(request);
  const { talkId } = await context.params;
  return json(await listCaptionTracks({ talkId, userId: user?.id ?? null }));
});

// POST /api/talks/:talkId/captions?language=en&label=English, body: the WebVTT file (text/vtt)
// -> 201 { track, replaced } (speakers of the talk, organizers). Not WebVTT: 400 with the reason.
export const POST = withErrors(async (request: Request, context: Context) => {
  const user = await findUser(request);
  const { talkId } = await context.params;
  const query = parseQuery(request, CaptionTrackQuery);
  const type = mediaTypeOf(request);
  if (type !== "text/vtt") throw new AppError("UNSUPPORTED_MEDIA", `Send the captions file as text/vtt${type ? ` (not ${type})` : ""}`);
  const bytes = await readBodyBytes(request, MAX_CAPTIONS_BYTES);
  const result = await uploadCaptionTrack({ talkId, userId: user?.id ?? null, query, bytes });
  return json(result, { status: result.replaced ? 200 : 201 });
});
