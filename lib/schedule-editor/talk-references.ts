import { prisma } from "@/lib/db/client";
import { fieldError } from "./field-error";

/**
 * Checks that the stage, track and speakers a talk points at belong to the same conference, and
 * answers with a field error on the form field that is wrong (an id from another conference is
 * as good as unknown).
 */
export async function assertTalkReferences(options: {
  conferenceId: string;
  stageId?: string;
  trackId?: string | null;
  speakerIds?: string[];
}): Promise<void> {
  const { conferenceId, stageId, trackId, speakerIds } = options;
  const [stage, track, speakers] = await Promise.all([
    stageId ? prisma.stage.findFirst({ where: { id: stageId, conferenceId }, select: { id: true } }) : null,
    trackId ? prisma.track.findFirst({ where: { id: trackId, conferenceId }, select: { id: true } }) : null,
    speakerIds?.length ? prisma.speaker.findMany({ where: { id: { in: speakerIds }, conferenceId }, select: { id: true } }) : [],
  ]);
  if (stageId && !stage) throw fieldError("stageId", "Choose a stage of this conference");
  if (trackId && !track) throw fieldError("trackId", "Choose a track of this conference");
  if (speakerIds?.length && speakers.length !== new Set(speakerIds).size) {
    throw fieldError("speakerIds", "Choose speakers of this conference");
  }
}

/** The talk slugs starting with `base` in a conference, to pick a free one. */
export async function findTakenTalkSlugs(options: { conferenceId: string; base: string; exceptTalkId?: string }) {
  const rows = await prisma.talk.findMany({
    where: {
      conferenceId: options.conferenceId,
      slug: { startsWith: options.base },
      id: options.exceptTalkId ? { not: options.exceptTalkId } : undefined,
    },
    select: { slug: true },
  });
  return new Set(rows.map((r) => r.slug));
}
