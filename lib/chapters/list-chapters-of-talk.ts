import { prisma } from "@/lib/db/client";
import type { ChapterView } from "./schemas";

/**
 * A talk's chapters in timeline order, without a permission check: for callers that checked
 * `talk:watch` already (listChapters; the realtime node pushing to a talk room joined with it).
 */
export async function listChaptersOfTalk(options: { talkId: string }): Promise<ChapterView[]> {
  return prisma.talkChapter.findMany({
    where: { talkId: options.talkId },
    orderBy: [{ offsetSeconds: "asc" }, { id: "asc" }],
    select: { id: true, title: true, offsetSeconds: true },
  });
}
