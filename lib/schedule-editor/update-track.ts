import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { fieldError, isUniqueViolation } from "./field-error";
import { publishScheduleChanged } from "./publish-schedule-changed";
import { UpdateTrackInput } from "./schemas";

/** Renames or recolours a track. */
export async function updateTrack(options: { conferenceId: string; trackId: string; input: z.input<typeof UpdateTrackInput> }) {
  const { conferenceId, trackId } = options;
  const input = UpdateTrackInput.parse(options.input);
  const exists = await prisma.track.findFirst({ where: { id: trackId, conferenceId }, select: { id: true } });
  if (!exists) throw notFound("Track");
  const track = await prisma.track
    .update({ where: { id: trackId }, data: { name: input.name, slug: input.slug, color: input.color } })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw fieldError("slug", "Another track already uses this slug");
      throw error;
    });
  await publishScheduleChanged({ conferenceId });
  return { track };
}
