import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { fieldError, isUniqueViolation } from "./field-error";
import { publishScheduleChanged } from "./publish-schedule-changed";
import { CreateStageInput } from "./schemas";
import { slugify } from "./slugify";

/** Adds a stage; without a position it goes after the last one (a new column on the grid). */
export async function createStage(options: { conferenceId: string; input: z.input<typeof CreateStageInput> }) {
  const { conferenceId } = options;
  const input = CreateStageInput.parse(options.input);
  const position = input.position ?? ((await prisma.stage.aggregate({ where: { conferenceId }, _max: { position: true } }))._max.position ?? -1) + 1;
  const stage = await prisma.stage
    .create({ data: { conferenceId, name: input.name, slug: input.slug ?? slugify(input.name), position } })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw fieldError(input.slug ? "slug" : "name", "Another stage already uses this name");
      throw error;
    });
  await publishScheduleChanged({ conferenceId });
  return { stage };
}
