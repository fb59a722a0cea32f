import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

/** A talk by id, for what is public about every talk (its "N watching"). */
export async function getTalkOrThrow(options: { talkId: string }): Promise<{ id: string; conferenceId: string }> {
  const talk = await prisma.talk.findUnique({ where: { id: options.talkId }, select: { id: true, conferenceId: true } });
  if (!talk) throw notFound("Talk");
  return talk;
}
