import { prisma } from "@/lib/db/client";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";

/** The first segment of a live recording is listed: the recording starts there and the talk is LIVE on every open page. */
export async function markRecordingLive(options: { recordingId: string; talkId: string; startedAt: Date }): Promise<void> {
  await prisma.recording.update({ where: { id: options.recordingId }, data: { status: "LIVE", startedAt: options.startedAt } });
  await setTalkStatus({ talkId: options.talkId, status: "LIVE" });
}
