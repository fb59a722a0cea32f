import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { editorTalkSelect, toEditorTalk, type EditorTalk } from "./editor-talk";

/** One talk of a conference for the edit form; a talk of another conference is not found. */
export async function getEditorTalkOrThrow(options: { conferenceId: string; talkId: string }): Promise<EditorTalk> {
  const row = await prisma.talk.findFirst({
    where: { id: options.talkId, conferenceId: options.conferenceId },
    select: editorTalkSelect,
  });
  if (!row) throw notFound("Talk");
  return toEditorTalk(row);
}
