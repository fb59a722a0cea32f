import { AppError } from "@/lib/errors/app-error";
import { assertCan } from "@/lib/permissions/get-viewer";
import { assertMayGoLive } from "@/lib/media/go-live-window";
import type { PublishMode } from "@/lib/media/schemas";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { openLiveIngest } from "./ingest/ingest-registry";
import type { BrowserPublisher } from "./ingest/publisher";

/**
 * "Go live" or "Test stream (private)" from the speaker studio: the talk's speakers and organizers
 * only, one publisher at a time; public only from the slot's window (organizers: any time). The
 * same MediaRecorder stream coming back on a new socket continues where it was.
 */
export async function startPublishing(options: { talkId: string; userId: string | null; socketId: string; streamId: string; mode?: PublishMode }) {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, "talk:broadcast", talk);
  if (talk.status === "ENDED") throw new AppError("CONFLICT", "This talk has ended");
  const isTest = options.mode === "test";
  if (isTest && talk.status === "LIVE") throw new AppError("CONFLICT", "This talk is live: test streams are for before it starts");
  if (!isTest && talk.status === "SCHEDULED") assertMayGoLive({ viewer, talk });
  const ingest = await openLiveIngest({ talkId: talk.id, source: "BROWSER", isTest });
  const publisher: BrowserPublisher = { kind: "browser", socketId: options.socketId, userId: options.userId!, streamId: options.streamId };
  const current = ingest.publisher;
  if (current?.kind === "browser" && current.streamId === publisher.streamId && current.userId === publisher.userId) {
    ingest.resumeStream(publisher);
    return { recordingId: ingest.recordingId, resumed: true };
  }
  const sameSocket = current?.kind === "browser" && current.socketId === publisher.socketId;
  if (current && ingest.isPublisherConnected && !sameSocket) {
    throw new AppError(
      "CONFLICT",
      current.kind === "encoder" ? "An encoder (OBS) is streaming to this talk" : "Someone else is already presenting this talk",
    );
  }
  await ingest.beginStream(publisher);
  return { recordingId: ingest.recordingId, resumed: false };
}
