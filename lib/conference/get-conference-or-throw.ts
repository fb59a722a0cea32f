import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

/** A conference by id (its public room is open to anyone who knows it exists). */
export async function getConferenceOrThrow(options: { conferenceId: string }): Promise<{ id: string }> {
  const conference = await prisma.conference.findUnique({ where: { id: options.conferenceId }, select: { id: true } });
  if (!conference) throw notFound("Conference");
  return conference;
}
