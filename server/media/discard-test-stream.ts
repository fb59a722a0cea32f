import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertCan } from "@/lib/permissions/get-viewer";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { findIngest } from "./ingest/ingest-registry";

/**
 * "Discard test": the private test stream stops (an encoder is disconnected), its media and row
 * go, and the talk is as it was before: SCHEDULED, ready for a new test or the real start.
 */
export async function discardTestStream(options: { talkId: string; userId: string | null }): Promise<{ discarded: true }> {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, "talk:broadcast", talk);
  const recording = await prisma.recording.findUnique({ where: { talkId: talk.id }, select: { id: true, isTest: true, storagePrefix: true } });
  if (!recording?.isTest) throw new AppError("CONFLICT", "There is no test stream to discard");
  await findIngest(talk.id)?.discard();
  await prisma.recording.deleteMany({ where: { id: recording.id, isTest: true } });
  await getMediaStorage().removePrefix(recording.storagePrefix);
  await publishDomainEvent({ type: "recording:changed", talkId: talk.id, conferenceId: talk.conferenceId, at: new Date().toISOString() });
  return { discarded: true };
}
