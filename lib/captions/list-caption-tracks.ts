import { prisma } from "@/lib/db/client";
import { can } from "@/lib/permissions/can";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";
import { captionTrackUrl, type CaptionTrackView } from "./schemas";

/** The talk's captions tracks for its player (anyone who may watch it); `canUpload` shows the upload form. */
export async function listCaptionTracks(options: {
  talkId: string;
  userId: string | null;
}): Promise<{ tracks: CaptionTrackView[]; canUpload: boolean }> {
  const { talk, viewer } = await getTalkWithPermissionOrThrow({ ...options, permission: "talk:watch" });
  const rows = await prisma.talkCaptionTrack.findMany({
    where: { talkId: options.talkId },
    orderBy: { label: "asc" },
    select: { id: true, talkId: true, language: true, label: true, cueCount: true, updatedAt: true },
  });
  return {
    tracks: rows.map((row) => ({
      id: row.id,
      language: row.language,
      label: row.label,
      cueCount: row.cueCount,
      // The update time in the URL: a replaced file is a new URL, so a cached old one is never shown.
      url: `${captionTrackUrl(row.talkId, row.id)}?v=${row.updatedAt.getTime()}`,
      updatedAt: row.updatedAt.toISOString(),
    })),
    canUpload: can(viewer, "talk:upload-captions", talk),
  };
}
