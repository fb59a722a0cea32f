import { prisma } from "@/lib/db/client";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";

/**
 * A live recording is over: ENDED with its length (FAILED when nothing was recorded), the talk ENDED, players told.
 * `talkEnded`: the talk was already set ENDED (and pages told) when "End talk" was pressed.
 */
export async function finishLiveRecording(options: {
  recordingId: string;
  talkId: string;
  conferenceId: string;
  durationMs: number;
  talkEnded?: boolean;
}): Promise<void> {
  await prisma.recording.update({
    where: { id: options.recordingId },
    data: { status: options.durationMs > 0 ? "ENDED" : "FAILED", endedAt: new Date(), durationMs: options.durationMs },
  });
  if (!options.talkEnded) await setTalkStatus({ talkId: options.talkId, status: "ENDED" });
  await publishDomainEvent({ type: "recording:changed", talkId: options.talkId, conferenceId: options.conferenceId, at: new Date().toISOString() });
}
