import { prisma } from "@/lib/db/client";
import type { InAppReminderView } from "./schemas";

export type ReminderDelivery = InAppReminderView & {
  userId: string;
  userName: string;
  userEmail: string;
  conferenceName: string;
  timeZone: string;
};

/** What delivering these reminders needs: the talk (title, stage, start), its conference and the attendee. */
export async function describeReminders(options: { reminderIds: string[] }): Promise<Map<string, ReminderDelivery>> {
  if (options.reminderIds.length === 0) return new Map();
  const rows = await prisma.talkReminder.findMany({
    where: { id: { in: options.reminderIds } },
    select: {
      id: true,
      startsAt: true,
      favourite: {
        select: {
          user: { select: { id: true, name: true, email: true } },
          talk: {
            select: {
              id: true,
              slug: true,
              title: true,
              stage: { select: { name: true } },
              conference: { select: { slug: true, name: true, timeZone: true } },
            },
          },
        },
      },
    },
  });
  return new Map(
    rows.map(({ id, startsAt, favourite: { user, talk } }) => [
      id,
      {
        id,
        talkId: talk.id,
        talkSlug: talk.slug,
        conferenceSlug: talk.conference.slug,
        talkTitle: talk.title,
        stageName: talk.stage.name,
        startsAt: startsAt.toISOString(),
        userId: user.id,
        userName: user.name,
        userEmail: user.email,
        conferenceName: talk.conference.name,
        timeZone: talk.conference.timeZone,
      },
    ]),
  );
}
