import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { can } from "@/lib/permissions/can";
import { findUnairedPremiere } from "@/lib/media/find-unaired-premiere";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";
import { keepAiredCues } from "./keep-aired-cues";

/**
 * The WebVTT text of one of the talk's tracks, for those who may watch the talk, under the same
 * rule as its media: before and while a premiere airs, only the cues that start before what has
 * aired (`cut` says so, and the answer must not be cached long). Those who edit the captions (the
 * talk's speakers, organizers) always get the whole file.
 */
export async function getCaptionTrackFileOrThrow(options: {
  talkId: string;
  trackId: string;
  userId: string | null;
  now?: Date;
}): Promise<{ vtt: string; language: string; cut: boolean }> {
  const { talk, viewer } = await getTalkWithPermissionOrThrow({ talkId: options.talkId, userId: options.userId, permission: "talk:watch" });
  const track = await prisma.talkCaptionTrack.findFirst({
    where: { id: options.trackId, talkId: options.talkId },
    select: { vtt: true, language: true },
  });
  if (!track) throw notFound("Captions track");
  if (can(viewer, "talk:upload-captions", talk)) return { ...track, cut: false };
  const premiere = await findUnairedPremiere({ talkId: options.talkId, now: options.now });
  if (!premiere) return { ...track, cut: false };
  return { vtt: keepAiredCues(track.vtt, premiere.airedMs / 1000), language: track.language, cut: true };
}
