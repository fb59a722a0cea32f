import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";

/**
 * Talks nobody ended: still LIVE TALK_AUTO_END_GRACE_MINUTES after their slot, with no segment for
 * TALK_AUTO_END_IDLE_SECONDS (a speaker running over is not cut off). Premieres follow their own clock.
 * Each is claimed with a conditional UPDATE (LIVE -> ENDED): of several realtime nodes sweeping at
 * once, one gets it; the caller then finishes its recording as "End talk" would.
 */
export async function claimOverdueLiveTalks(options: { now?: Date; conferenceId?: string } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - env.TALK_AUTO_END_GRACE_MINUTES * 60_000);
  const quietSince = now.getTime() - env.TALK_AUTO_END_IDLE_SECONDS * 1000;
  const talks = await prisma.talk.findMany({
    where: { status: "LIVE", endsAt: { lt: cutoff }, conferenceId: options.conferenceId, NOT: { recording: { is: { source: "UPLOAD" } } } },
    select: {
      id: true,
      recording: {
        select: { updatedAt: true, segments: { orderBy: { sequence: "desc" }, take: 1, select: { listedAt: true } } },
      },
    },
    take: 100,
  });
  const claimed: string[] = [];
  for (const talk of talks) {
    const lastMediaAt = (talk.recording?.segments[0]?.listedAt ?? talk.recording?.updatedAt)?.getTime() ?? 0;
    if (lastMediaAt > quietSince) continue;
    const { count } = await prisma.talk.updateMany({ where: { id: talk.id, status: "LIVE", endsAt: { lt: cutoff } }, data: { status: "ENDED" } });
    if (count === 1) claimed.push(talk.id);
  }
  return claimed;
}
