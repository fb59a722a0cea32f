import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { fieldError, isUniqueViolation } from "./field-error";
import { publishScheduleChanged } from "./publish-schedule-changed";
import { UpdateStageInput } from "./schemas";

/** Renames or reorders a stage (its slug stays unless given: links to it keep working). */
export async function updateStage(options: { conferenceId: string; stageId: string; input: z.input<typeof UpdateStageInput> }) {
  const { conferenceId, stageId } = options;
  const input = UpdateStageInput.parse(options.input);
  const exists = await prisma.stage.findFirst({ where: { id: stageId, conferenceId }, select: { id: true } });
  if (!exists) throw notFound("Stage");
  const stage = await prisma.stage
    .update({ where: { id: stageId }, data: { name: input.name, slug: input.slug, position: input.position } })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw fieldError("slug", "Another stage already uses this slug");
      throw error;
    });
  await publishScheduleChanged({ conferenceId });
  return { stage };
}
