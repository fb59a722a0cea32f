import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { publishScheduleChanged } from "./publish-schedule-changed";

/** Deletes a speaker profile; their talks stay, without them. The account is untouched. */
export async function deleteSpeaker(options: { conferenceId: string; speakerId: string }): Promise<{ speakerId: string }> {
  const { conferenceId, speakerId } = options;
  const { count } = await prisma.speaker.deleteMany({ where: { id: speakerId, conferenceId } });
  if (count === 0) throw notFound("Speaker");
  await publishScheduleChanged({ conferenceId });
  return { speakerId };
}
