import { can } from "@/lib/permissions/can";
import type { ChapterView } from "./schemas";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";
import { listChaptersOfTalk } from "./list-chapters-of-talk";

/** A talk's chapters in timeline order, for anyone who may watch it; `canEdit` says whether the editor shows. */
export async function listChapters(options: { talkId: string; userId: string | null }): Promise<{ chapters: ChapterView[]; canEdit: boolean }> {
  const { talk, viewer } = await getTalkWithPermissionOrThrow({ ...options, permission: "talk:watch" });
  const chapters = await listChaptersOfTalk({ talkId: options.talkId });
  return { chapters, canEdit: can(viewer, "talk:edit-chapters", talk) };
}
