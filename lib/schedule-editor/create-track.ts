import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { fieldError, isUniqueViolation } from "./field-error";
import { publishScheduleChanged } from "./publish-schedule-changed";
import { CreateTrackInput } from "./schemas";
import { slugify } from "./slugify";

/** Adds a track (a topic with a colour that talks can belong to). */
export async function createTrack(options: { conferenceId: string; input: z.input<typeof CreateTrackInput> }) {
  const { conferenceId } = options;
  const input = CreateTrackInput.parse(options.input);
  const track = await prisma.track
    .create({ data: { conferenceId, name: input.name, slug: input.slug ?? slugify(input.name), color: input.color } })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw fieldError(input.slug ? "slug" : "name", "Another track already uses this name");
      throw error;
    });
  await publishScheduleChanged({ conferenceId });
  return { track };
}
