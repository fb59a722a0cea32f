import { prisma } from "@/lib/db/client";
import { assertCan, getViewer } from "@/lib/permissions/get-viewer";

/** Takes the current banner down for everyone. */
export async function clearAnnouncement(options: { conferenceId: string; moderatorId: string }) {
  const viewer = await getViewer({ conferenceId: options.conferenceId, userId: options.moderatorId });
  assertCan(viewer, "conference:moderate-chat");
  const now = new Date();
  await prisma.announcement.updateMany({
    where: { conferenceId: options.conferenceId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    data: { expiresAt: now },
  });
  return { conferenceId: options.conferenceId };
}
