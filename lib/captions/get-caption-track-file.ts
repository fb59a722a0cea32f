import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";

/** The WebVTT text of one of the talk's tracks, for those who may watch the talk (the same rule as its media). */
export async function getCaptionTrackFileOrThrow(options: {
  talkId: string;
  trackId: string;
  userId: string | null;
}): Promise<{ vtt: string; language: string }> {
  await getTalkWithPermissionOrThrow({ talkId: options.talkId, userId: options.userId, permission: "talk:watch" });
  const track = await prisma.talkCaptionTrack.findFirst({
    where: { id: options.trackId, talkId: options.talkId },
    select: { vtt: true, language: true },
  });
  if (!track) throw notFound("Captions track");
  return track;
}
