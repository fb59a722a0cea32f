import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";
import { captionTrackUrl, type CaptionTrackQuery, type CaptionTrackView } from "./schemas";
import { parseWebVtt } from "./parse-webvtt";

/**
 * A speaker of the talk or an organizer uploads a WebVTT file; it replaces the talk's track in the
 * same language (a corrected file is uploaded again). Anything but valid WebVTT is refused (400).
 */
export async function uploadCaptionTrack(options: {
  talkId: string;
  userId: string | null;
  query: CaptionTrackQuery;
  bytes: Uint8Array;
}): Promise<{ track: CaptionTrackView; replaced: boolean }> {
  await getTalkWithPermissionOrThrow({ talkId: options.talkId, userId: options.userId, permission: "talk:upload-captions" });
  const parsed = parseWebVtt(options.bytes);
  if (!parsed.ok) throw new AppError("INVALID_INPUT", parsed.message, { fields: { file: [parsed.message] } });
  const where = { talkId_language: { talkId: options.talkId, language: options.query.language } };
  const existing = await prisma.talkCaptionTrack.findUnique({ where, select: { id: true } });
  const data = { label: options.query.label, vtt: parsed.text, cueCount: parsed.cues.length, uploadedById: options.userId };
  const row = await prisma.talkCaptionTrack.upsert({
    where,
    create: { talkId: options.talkId, language: options.query.language, ...data },
    update: data,
  });
  return {
    track: {
      id: row.id,
      language: row.language,
      label: row.label,
      cueCount: row.cueCount,
      url: captionTrackUrl(row.talkId, row.id),
      updatedAt: row.updatedAt.toISOString(),
    },
    replaced: existing !== null,
  };
}
