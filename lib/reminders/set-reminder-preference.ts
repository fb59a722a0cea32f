import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { ReminderPreference } from "./schemas";

/**
 * Sets how a starred talk reminds its attendee. Only the attendee's own favourite can be changed
 * (the key includes their id): a talk they did not star is "not found", whoever else starred it.
 */
export async function setReminderPreference(options: { userId: string } & ReminderPreference): Promise<ReminderPreference> {
  const { count } = await prisma.favourite.updateMany({
    where: { userId: options.userId, talkId: options.talkId },
    data: { remindMinutes: options.minutesBefore, remindInApp: options.inApp, remindByEmail: options.email },
  });
  if (count === 0) throw notFound("Starred talk");
  return { talkId: options.talkId, minutesBefore: options.minutesBefore, inApp: options.inApp, email: options.email };
}
