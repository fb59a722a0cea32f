import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { anonymousViewer, can, type Permission, type TalkRef, type Viewer } from "./can";

/** Everything `can` needs to know about a user in one conference, in one round trip each. */
export async function getViewer(options: { conferenceId: string; userId: string | null }): Promise<Viewer> {
  const { conferenceId, userId } = options;
  if (!userId) return anonymousViewer(conferenceId);
  const [membership, ticket, talks] = await Promise.all([
    prisma.membership.findUnique({ where: { userId_conferenceId: { userId, conferenceId } } }),
    prisma.ticket.findFirst({ where: { conferenceId, userId, status: "VALID" }, select: { id: true } }),
    // Speaker profiles are matched to accounts by address: only a confirmed one counts (a link
    // made before addresses were confirmed waits for it).
    prisma.talkSpeaker.findMany({
      where: { speaker: { userId, conferenceId, user: { emailVerified: true } } },
      select: { talkId: true },
    }),
  ]);
  return {
    userId,
    conferenceId,
    role: membership?.role ?? null,
    hasTicket: ticket !== null,
    speakerTalkIds: new Set(talks.map((t) => t.talkId)),
  };
}

export function assertCan(viewer: Viewer, permission: Permission, talk?: TalkRef): void {
  if (can(viewer, permission, talk)) return;
  if (viewer.userId === null) throw new AppError("UNAUTHENTICATED", "Sign in to do that");
  if ((permission === "talk:watch" || permission === "talk:chat" || permission === "conference:chat") && !viewer.hasTicket) {
    throw new AppError("PAYMENT_REQUIRED", "You need a ticket for this conference");
  }
  throw new AppError("FORBIDDEN", `You are not allowed to ${permission.replace(":", " ")}`);
}
