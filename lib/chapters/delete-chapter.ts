import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";
import { announceChaptersChanged } from "./announce-chapters-changed";

export async function deleteChapter(options: { talkId: string; chapterId: string; userId: string | null }): Promise<{ deleted: string }> {
  const { talk } = await getTalkWithPermissionOrThrow({ ...options, permission: "talk:edit-chapters" });
  const { count } = await prisma.talkChapter.deleteMany({ where: { id: options.chapterId, talkId: options.talkId } });
  if (count === 0) throw notFound("Chapter");
  await announceChaptersChanged({ talkId: talk.id, conferenceId: talk.conferenceId });
  return { deleted: options.chapterId };
}
