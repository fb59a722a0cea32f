import { prisma } from "@/lib/db/client";
import { can } from "@/lib/permissions/can";
import type { ChapterView } from "./schemas";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";

/** A talk's chapters in timeline order, for anyone who may watch it; `canEdit` says whether the editor shows. */
export async function listChapters(options: { talkId: string; userId: string | null }): Promise<{ chapters: ChapterView[]; canEdit: boolean }> {
  const { talk, viewer } = await getTalkWithPermissionOrThrow({ ...options, permission: "talk:watch" });
  const chapters = await prisma.talkChapter.findMany({
    where: { talkId: options.talkId },
    orderBy: { offsetSeconds: "asc" },
    select: { id: true, title: true, offsetSeconds: true },
  });
  return { chapters, canEdit: can(viewer, "talk:edit-chapters", talk) };
}
