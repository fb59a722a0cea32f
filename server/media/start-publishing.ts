import { AppError } from "@/lib/errors/app-error";
import { assertCan } from "@/lib/permissions/get-viewer";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { openLiveIngest } from "./ingest/ingest-registry";

/**
 * "Go live" from the speaker studio: the talk's speakers and organizers only, one publisher at a
 * time. The same MediaRecorder stream coming back on a new socket continues where it was.
 */
export async function startPublishing(options: { talkId: string; userId: string | null; socketId: string; streamId: string }) {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, "talk:broadcast", talk);
  if (talk.status === "ENDED") throw new AppError("CONFLICT", "This talk has ended");
  const ingest = await openLiveIngest({ talkId: talk.id, source: "BROWSER" });
  const publisher = { socketId: options.socketId, userId: options.userId!, streamId: options.streamId };
  const current = ingest.publisher;
  if (current && current.streamId === options.streamId && current.userId === publisher.userId) {
    ingest.resumeStream(publisher);
    return { recordingId: ingest.recordingId, resumed: true };
  }
  if (current && current.connected && current.socketId !== options.socketId) {
    throw new AppError("CONFLICT", current.userId === "rtmp" ? "An encoder (OBS) is streaming to this talk" : "Someone else is already presenting this talk");
  }
  await ingest.beginStream(publisher, "matroska");
  return { recordingId: ingest.recordingId, resumed: false };
}
