import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { MAX_CHAPTERS_PER_TALK, type ChapterView, type CreateChapterInput } from "./schemas";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";
import { chapterTakenError, isUniqueViolation } from "./chapter-errors";
import { announceChaptersChanged } from "./announce-chapters-changed";

/** A speaker of the talk or an organizer marks a chapter, during the talk or after it. */
export async function createChapter(options: { talkId: string; userId: string | null; input: CreateChapterInput }): Promise<ChapterView> {
  const { talk } = await getTalkWithPermissionOrThrow({ ...options, permission: "talk:edit-chapters" });
  const count = await prisma.talkChapter.count({ where: { talkId: options.talkId } });
  if (count >= MAX_CHAPTERS_PER_TALK) throw new AppError("CONFLICT", `A talk has at most ${MAX_CHAPTERS_PER_TALK} chapters`);
  let chapter: ChapterView;
  try {
    chapter = await prisma.talkChapter.create({
      data: { talkId: options.talkId, title: options.input.title, offsetSeconds: options.input.offsetSeconds },
      select: { id: true, title: true, offsetSeconds: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw chapterTakenError(options.input.offsetSeconds);
    throw error;
  }
  await announceChaptersChanged({ talkId: talk.id, conferenceId: talk.conferenceId });
  return chapter;
}
