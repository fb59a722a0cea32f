import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertCan } from "@/lib/permissions/get-viewer";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { findIngest, isIngestElsewhere, openLiveIngest } from "./ingest/ingest-registry";

// How long "End talk" on a node that does not ingest the talk waits for the node that does.
const FORWARDED_FINISH_WAIT_MS = 20_000;

/**
 * "End talk": the last segment is flushed, the playlist gets #EXT-X-ENDLIST (it is the replay from
 * now on, at the same URL) and the talk moves to ENDED on every open page.
 */
export async function endTalk(options: { talkId: string; userId: string | null }) {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, "talk:broadcast", talk);
  const recording = await prisma.recording.findUnique({ where: { talkId: talk.id }, select: { isTest: true } });
  if (recording?.isTest) throw new AppError("CONFLICT", "This is a private test stream: discard it instead of ending the talk");
  return finishTalk({ talkId: talk.id, status: talk.status });
}

/** Ends a talk, whoever asks ("End talk", the auto-end clock): the replay is produced the same way. */
export async function finishTalk(options: { talkId: string; status: string }): Promise<{ durationMs: number }> {
  const open = findIngest(options.talkId);
  if (open && !open.isTest) return open.end();
  const recording = await prisma.recording.findUnique({ where: { talkId: options.talkId }, select: { status: true, source: true, isTest: true } });
  if (recording?.status === "LIVE" && !recording.isTest) {
    // Live, but nobody is publishing on this process (e.g. after a restart): finish the recording,
    // or have the node that ingests it finish it.
    try {
      const ingest = await openLiveIngest({ talkId: options.talkId, source: recording.source === "RTMP" ? "RTMP" : "BROWSER" });
      return await ingest.end();
    } catch (error) {
      if (!isIngestElsewhere(error)) throw error;
      return finishElsewhere(options.talkId);
    }
  }
  if (options.status !== "LIVE") throw new AppError("CONFLICT", "This talk is not live");
  await setTalkStatus({ talkId: options.talkId, status: "ENDED" });
  return { durationMs: 0 };
}

async function finishElsewhere(talkId: string): Promise<{ durationMs: number }> {
  await publishDomainEvent({ type: "ingest:finish-requested", talkId });
  const deadline = Date.now() + FORWARDED_FINISH_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const recording = await prisma.recording.findUnique({ where: { talkId }, select: { status: true, durationMs: true } });
    if (recording?.status !== "LIVE") return { durationMs: recording?.durationMs ?? 0 };
  }
  throw new AppError("UNAVAILABLE", "The server publishing this talk did not end it in time; try again in a moment");
}
