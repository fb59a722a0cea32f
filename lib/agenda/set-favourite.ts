import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { ReminderPreference } from "@/lib/reminders/schemas";

/** Stars or unstars a talk in a user's agenda. Idempotent both ways. A starred talk answers with its reminder. */
export async function setFavourite(options: {
  userId: string;
  talkId: string;
  starred: boolean;
}): Promise<{ talkId: string; starred: boolean; reminder: ReminderPreference | null }> {
  const talk = await prisma.talk.findUnique({ where: { id: options.talkId }, select: { id: true } });
  if (!talk) throw notFound("Talk");
  if (options.starred) {
    const favourite = await prisma.favourite.upsert({
      where: { userId_talkId: { userId: options.userId, talkId: options.talkId } },
      create: { userId: options.userId, talkId: options.talkId },
      update: {},
    });
    const reminder = { talkId: options.talkId, minutesBefore: favourite.remindMinutes, inApp: favourite.remindInApp, email: favourite.remindByEmail };
    return { talkId: options.talkId, starred: true, reminder };
  }
  await prisma.favourite.deleteMany({ where: { userId: options.userId, talkId: options.talkId } });
  return { talkId: options.talkId, starred: false, reminder: null };
}
