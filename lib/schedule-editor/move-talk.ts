import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { editorTalkSelect, toEditorTalk, type EditorTalk } from "./editor-talk";
import { findScheduleConflicts } from "./find-schedule-conflicts";
import { getEditorTalkOrThrow } from "./get-editor-talk";
import { publishScheduleChanged } from "./publish-schedule-changed";
import { MoveTalkInput, type ScheduleConflict } from "./schemas";
import { assertTalkReferences } from "./talk-references";

/**
 * Moves a talk to another stage and/or start, keeping its length (the grid's drag-and-drop and
 * its keyboard controls). Every open schedule page hears "schedule:changed" and refreshes.
 */
export async function moveTalk(options: {
  conferenceId: string;
  talkId: string;
  input: z.input<typeof MoveTalkInput>;
}): Promise<{ talk: EditorTalk; conflicts: ScheduleConflict[] }> {
  const { conferenceId, talkId } = options;
  const input = MoveTalkInput.parse(options.input);
  const current = await getEditorTalkOrThrow({ conferenceId, talkId });
  await assertTalkReferences({ conferenceId, stageId: input.stageId });

  const startsAt = new Date(input.startsAt);
  const lengthMs = Date.parse(current.endsAt) - Date.parse(current.startsAt);
  const row = await prisma.talk.update({
    where: { id: talkId },
    data: { stageId: input.stageId, startsAt, endsAt: new Date(startsAt.getTime() + lengthMs) },
    select: editorTalkSelect,
  });

  await publishScheduleChanged({ conferenceId, talkId });
  return { talk: toEditorTalk(row), conflicts: await findScheduleConflicts({ conferenceId, talkId }) };
}
