import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { publishScheduleChanged } from "./publish-schedule-changed";

/** Deletes an empty stage. Talks are never deleted as a side effect: move or delete them first. */
export async function deleteStage(options: { conferenceId: string; stageId: string }): Promise<{ stageId: string }> {
  const { conferenceId, stageId } = options;
  const stage = await prisma.stage.findFirst({
    where: { id: stageId, conferenceId },
    select: { id: true, name: true, _count: { select: { talks: true } } },
  });
  if (!stage) throw notFound("Stage");
  if (stage._count.talks > 0) {
    const n = stage._count.talks;
    throw new AppError("CONFLICT", `${stage.name} has ${n} talk${n === 1 ? "" : "s"}: move or delete ${n === 1 ? "it" : "them"} first`);
  }
  // The foreign key (onDelete: Restrict) still refuses if a talk was added since we counted.
  await prisma.stage.delete({ where: { id: stageId } }).catch((error: unknown) => {
    if ((error as { code?: string }).code === "P2003") throw new AppError("CONFLICT", `${stage.name} has talks: move or delete them first`);
    throw error;
  });
  await publishScheduleChanged({ conferenceId });
  return { stageId };
}
