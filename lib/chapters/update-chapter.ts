import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { ChapterView, UpdateChapterInput } from "./schemas";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";
import { chapterTakenError, isUniqueViolation } from "./chapter-errors";
import { announceChaptersChanged } from "./announce-chapters-changed";

/** Renames or moves a chapter of the talk (a chapter of another talk is not found). */
export async function updateChapter(options: {
  talkId: string;
  chapterId: string;
  userId: string | null;
  input: UpdateChapterInput;
}): Promise<ChapterView> {
  const { talk } = await getTalkWithPermissionOrThrow({ ...options, permission: "talk:edit-chapters" });
  try {
    const { count } = await prisma.talkChapter.updateMany({ where: { id: options.chapterId, talkId: options.talkId }, data: options.input });
    if (count === 0) throw notFound("Chapter");
  } catch (error) {
    if (isUniqueViolation(error)) throw chapterTakenError(options.input.offsetSeconds ?? 0);
    throw error;
  }
  await announceChaptersChanged({ talkId: talk.id, conferenceId: talk.conferenceId });
  // Deleted meanwhile by another editor: gone, as a delete after the update would have left it.
  const chapter = await prisma.talkChapter.findUnique({ where: { id: options.chapterId }, select: { id: true, title: true, offsetSeconds: true } });
  if (!chapter) throw notFound("Chapter");
  return chapter;
}
