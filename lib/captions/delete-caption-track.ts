import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";

export async function deleteCaptionTrack(options: { talkId: string; trackId: string; userId: string | null }): Promise<{ deleted: string }> {
  await getTalkWithPermissionOrThrow({ talkId: options.talkId, userId: options.userId, permission: "talk:upload-captions" });
  const { count } = await prisma.talkCaptionTrack.deleteMany({ where: { id: options.trackId, talkId: options.talkId } });
  if (count === 0) throw notFound("Captions track");
  return { deleted: options.trackId };
}
