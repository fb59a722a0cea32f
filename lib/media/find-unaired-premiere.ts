import { prisma } from "@/lib/db/client";

export type UnairedPremiere = { startsAt: Date; airedMs: number };

/**
 * Where a talk's premiere stands, for what follows its media timeline (captions): null when the
 * talk is no premiere or it has aired in full; else how much of it has aired by `now` (0 before
 * its start). A premiere is an uploaded recording airing from the talk's scheduled start, as
 * find-premiere.ts serves its media; an upload still processing has aired nothing yet.
 */
export async function findUnairedPremiere(options: { talkId: string; now?: Date }): Promise<UnairedPremiere | null> {
  const recording = await prisma.recording.findUnique({
    where: { talkId: options.talkId },
    select: { source: true, status: true, durationMs: true, isTest: true, talk: { select: { startsAt: true } } },
  });
  if (!recording || recording.source !== "UPLOAD" || recording.isTest) return null;
  const startsAt = recording.talk.startsAt;
  if (recording.status !== "READY") return { startsAt, airedMs: 0 };
  const airedMs = Math.max(0, (options.now ?? new Date()).getTime() - startsAt.getTime());
  return airedMs >= recording.durationMs ? null : { startsAt, airedMs };
}
