import { prisma } from "@/lib/db/client";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";

/**
 * The first segment of a live recording is listed: the recording starts there and the talk is LIVE
 * on every open page. A private test stream leaves the talk SCHEDULED: only the studio hears of it.
 */
export async function markRecordingLive(options: { recordingId: string; talkId: string; startedAt: Date }): Promise<void> {
  const recording = await prisma.recording.update({
    where: { id: options.recordingId },
    data: { status: "LIVE", startedAt: options.startedAt },
    select: { isTest: true, talk: { select: { conferenceId: true } } },
  });
  if (!recording.isTest) {
    await setTalkStatus({ talkId: options.talkId, status: "LIVE" });
    return;
  }
  await publishDomainEvent({
    type: "recording:changed",
    talkId: options.talkId,
    conferenceId: recording.talk.conferenceId,
    at: new Date().toISOString(),
  });
}
