import { prisma } from "@/lib/db/client";
import { assertCan, getViewer } from "@/lib/permissions/get-viewer";
import type { AnnouncementView } from "./schemas";

export function toAnnouncementView(a: { id: string; conferenceId: string; body: string; createdAt: Date; expiresAt: Date | null }): AnnouncementView {
  return {
    id: a.id,
    conferenceId: a.conferenceId,
    body: a.body,
    createdAt: a.createdAt.toISOString(),
    expiresAt: a.expiresAt?.toISOString() ?? null,
  };
}

/** An organizer's banner for every connected attendee; a new one replaces the previous one. */
export async function createAnnouncement(options: { conferenceId: string; body: string; minutes?: number; moderatorId: string }) {
  const viewer = await getViewer({ conferenceId: options.conferenceId, userId: options.moderatorId });
  assertCan(viewer, "conference:moderate-chat");
  const now = new Date();
  const [, created] = await prisma.$transaction([
    prisma.announcement.updateMany({
      where: { conferenceId: options.conferenceId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      data: { expiresAt: now },
    }),
    prisma.announcement.create({
      data: {
        conferenceId: options.conferenceId,
        body: options.body,
        createdById: options.moderatorId,
        expiresAt: options.minutes ? new Date(now.getTime() + options.minutes * 60_000) : null,
      },
    }),
  ]);
  return { announcement: toAnnouncementView(created) };
}
