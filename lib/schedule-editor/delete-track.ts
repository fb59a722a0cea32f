import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { publishScheduleChanged } from "./publish-schedule-changed";

/** Deletes a track; its talks stay, without a track. */
export async function deleteTrack(options: { conferenceId: string; trackId: string }): Promise<{ trackId: string }> {
  const { conferenceId, trackId } = options;
  const { count } = await prisma.track.deleteMany({ where: { id: trackId, conferenceId } });
  if (count === 0) throw notFound("Track");
  await publishScheduleChanged({ conferenceId });
  return { trackId };
}
