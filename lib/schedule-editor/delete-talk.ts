import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { getEditorTalkOrThrow } from "./get-editor-talk";
import { publishScheduleChanged } from "./publish-schedule-changed";

/**
 * Deletes a talk with its chat, Q&A, polls, recording and media (every file under talks/<id>/:
 * segments, recordings, uploads). A live talk cannot be deleted: end the broadcast first, so
 * nobody's stream vanishes mid-sentence; nor one whose speaker is streaming a private test.
 */
export async function deleteTalk(options: { conferenceId: string; talkId: string }): Promise<{ talkId: string }> {
  const { conferenceId, talkId } = options;
  await getEditorTalkOrThrow({ conferenceId, talkId });
  // Conditional delete: a talk that went live since we looked is not deleted.
  const { count } = await prisma.talk.deleteMany({
    where: { id: talkId, conferenceId, status: { not: "LIVE" }, NOT: { recording: { is: { status: "LIVE" } } } },
  });
  if (count === 0) throw new AppError("CONFLICT", "This talk is live (or its speaker is testing): end or discard the stream before deleting it");
  // After the rows: a reader that still finds the talk finds its files; one that does not gets 404 either way.
  await getMediaStorage().removePrefix(`talks/${talkId}`);
  await publishScheduleChanged({ conferenceId, talkId });
  return { talkId };
}
