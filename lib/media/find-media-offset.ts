import { prisma } from "@/lib/db/client";

/**
 * Position in a talk's recording (ms) at a wall-clock instant, from the media timeline; null when
 * nothing was being recorded then. Chat stores it with each message to replay in step with video.
 */
export async function findMediaOffset(options: { talkId: string; at: Date }): Promise<number | null> {
  const segment = await prisma.recordingSegment.findFirst({
    where: { recording: { talkId: options.talkId }, startedAt: { lte: options.at } },
    orderBy: { sequence: "desc" },
    select: { startedAt: true, offsetMs: true, durationMs: true },
  });
  if (!segment) return null;
  const into = options.at.getTime() - segment.startedAt.getTime();
  // Past the newest listed segment the talk is still being recorded (the next segment is on its
  // way): extrapolate a few seconds rather than pile messages up at the segment's end.
  return segment.offsetMs + Math.max(0, Math.min(into, segment.durationMs + 5000));
}
