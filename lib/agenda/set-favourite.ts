import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

/** Stars or unstars a talk in a user's agenda. Idempotent both ways. */
export async function setFavourite(options: { userId: string; talkId: string; starred: boolean }) {
  const talk = await prisma.talk.findUnique({ where: { id: options.talkId }, select: { id: true } });
  if (!talk) throw notFound("Talk");
  if (options.starred) {
    await prisma.favourite.upsert({
      where: { userId_talkId: { userId: options.userId, talkId: options.talkId } },
      create: { userId: options.userId, talkId: options.talkId },
      update: {},
    });
  } else {
    await prisma.favourite.deleteMany({ where: { userId: options.userId, talkId: options.talkId } });
  }
  return { talkId: options.talkId, starred: options.starred };
}
