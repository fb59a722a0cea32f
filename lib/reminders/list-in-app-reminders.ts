import { prisma } from "@/lib/db/client";
import type { InAppReminderView } from "./schemas";

/**
 * The attendee's in-app reminders still worth showing: sent, not closed, for the talk's current
 * start, and the talk not over. A page load shows them, so a reminder sent while nobody was
 * connected is not lost.
 */
export async function listInAppReminders(options: { userId: string; now?: Date }): Promise<InAppReminderView[]> {
  const now = options.now ?? new Date();
  const rows = await prisma.talkReminder.findMany({
    where: {
      userId: options.userId,
      channel: "IN_APP",
      sentAt: { not: null },
      seenAt: null,
      favourite: { talk: { status: { not: "ENDED" }, endsAt: { gt: now } } },
    },
    orderBy: { startsAt: "asc" },
    take: 20,
    select: {
      id: true,
      startsAt: true,
      favourite: {
        select: {
          talk: {
            select: { id: true, slug: true, title: true, startsAt: true, stage: { select: { name: true } }, conference: { select: { slug: true } } },
          },
        },
      },
    },
  });
  return rows
    .filter((r) => r.startsAt.getTime() === r.favourite.talk.startsAt.getTime())
    .map(({ id, startsAt, favourite: { talk } }) => ({
      id,
      talkId: talk.id,
      talkSlug: talk.slug,
      conferenceSlug: talk.conference.slug,
      talkTitle: talk.title,
      stageName: talk.stage.name,
      startsAt: startsAt.toISOString(),
    }));
}
