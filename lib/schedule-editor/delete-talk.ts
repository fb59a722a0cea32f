import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getEditorTalkOrThrow } from "./get-editor-talk";
import { publishScheduleChanged } from "./publish-schedule-changed";

/**
 * Deletes a talk with its chat, Q&A, polls and recording. A live talk cannot be deleted: end the
 * broadcast first, so nobody's stream vanishes mid-sentence.
 */
export async function deleteTalk(options: { conferenceId: string; talkId: string }): Promise<{ talkId: string }> {
  const { conferenceId, talkId } = options;
  await getEditorTalkOrThrow({ conferenceId, talkId });
  // Conditional delete: a talk that went live since we looked is not deleted.
  const { count } = await prisma.talk.deleteMany({ where: { id: talkId, conferenceId, status: { not: "LIVE" } } });
  if (count === 0) throw new AppError("CONFLICT", "This talk is live: end the broadcast before deleting it");
  await publishScheduleChanged({ conferenceId, talkId });
  return { talkId };
}
