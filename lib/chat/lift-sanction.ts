import { prisma } from "@/lib/db/client";
import { assertCan, getViewer } from "@/lib/permissions/get-viewer";

/** Lifts every mute and ban of an account in a conference (organizers only). */
export async function liftSanction(options: { conferenceId: string; userId: string; moderatorId: string }) {
  const viewer = await getViewer({ conferenceId: options.conferenceId, userId: options.moderatorId });
  assertCan(viewer, "conference:moderate-chat");
  const { count } = await prisma.chatSanction.updateMany({
    where: { conferenceId: options.conferenceId, userId: options.userId, liftedAt: null },
    data: { liftedAt: new Date() },
  });
  return { lifted: count };
}
