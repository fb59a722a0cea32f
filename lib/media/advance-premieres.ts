import { prisma } from "@/lib/db/client";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";

/**
 * Pre-recorded talks follow the clock: LIVE at their scheduled start, ENDED when the video has
 * played out. Run every few seconds by the realtime server.
 */
export async function advancePremieres(options: { now?: Date } = {}): Promise<{ started: string[]; ended: string[] }> {
  const now = options.now ?? new Date();
  const recordings = await prisma.recording.findMany({
    where: { source: "UPLOAD", status: "READY", talk: { status: { in: ["SCHEDULED", "LIVE"] }, startsAt: { lte: now } } },
    select: { durationMs: true, talk: { select: { id: true, status: true, startsAt: true } } },
  });
  const started: string[] = [];
  const ended: string[] = [];
  for (const { durationMs, talk } of recordings) {
    const over = talk.startsAt.getTime() + durationMs <= now.getTime();
    if (over) {
      await setTalkStatus({ talkId: talk.id, status: "ENDED" });
      ended.push(talk.id);
    } else if (talk.status === "SCHEDULED") {
      await setTalkStatus({ talkId: talk.id, status: "LIVE" });
      started.push(talk.id);
    }
  }
  return { started, ended };
}
