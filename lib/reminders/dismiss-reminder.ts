import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

/** The attendee closed an in-app reminder: it is not shown again. Their own reminders only. */
export async function dismissReminder(options: { userId: string; reminderId: string }): Promise<{ reminderId: string }> {
  const { count } = await prisma.talkReminder.updateMany({
    where: { id: options.reminderId, userId: options.userId, channel: "IN_APP" },
    data: { seenAt: new Date() },
  });
  if (count === 0) throw notFound("Reminder");
  return { reminderId: options.reminderId };
}
