import { prisma } from "@/lib/db/client";

/**
 * The mute or ban in force for an account in a conference, if any (a ban wins over a mute):
 * conference-wide ones, plus those a speaker gave in `talkId`'s room when asked about a talk.
 * Read from PostgreSQL on every send so a ban issued on any node bites at once; sanctions are
 * keyed by account, so changing the display name does not escape them.
 */
export async function findActiveSanction(options: { conferenceId: string; userId: string; talkId?: string | null; now?: Date }) {
  const now = options.now ?? new Date();
  const sanctions = await prisma.chatSanction.findMany({
    where: {
      conferenceId: options.conferenceId,
      userId: options.userId,
      liftedAt: null,
      AND: [
        { OR: [{ until: null }, { until: { gt: now } }] },
        { OR: options.talkId ? [{ talkId: null }, { talkId: options.talkId }] : [{ talkId: null }] },
      ],
    },
    select: { id: true, kind: true, until: true, reason: true },
  });
  return sanctions.find((s) => s.kind === "BAN") ?? sanctions[0] ?? null;
}
