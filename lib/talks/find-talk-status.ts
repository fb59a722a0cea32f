import { prisma } from "@/lib/db/client";

/** A talk's status, public like the schedule; null when the conference has no such talk. */
export async function findTalkStatus(options: { conferenceId: string; talkId: string }) {
  return prisma.talk.findFirst({ where: { id: options.talkId, conferenceId: options.conferenceId }, select: { id: true, status: true } });
}
