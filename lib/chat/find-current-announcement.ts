import { prisma } from "@/lib/db/client";
import { toAnnouncementView } from "./create-announcement";
import type { AnnouncementView } from "./schemas";

/** The banner in force for a conference, if any (public: it is shown to everyone). */
export async function findCurrentAnnouncement(options: { conferenceId: string }): Promise<AnnouncementView | null> {
  const now = new Date();
  const current = await prisma.announcement.findFirst({
    where: { conferenceId: options.conferenceId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
  });
  return current ? toAnnouncementView(current) : null;
}
