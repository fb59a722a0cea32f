import { prisma } from "@/lib/db/client";
import { TtlCache } from "./ttl-cache";

type Timeline = {
  startedAt: Date;
  segment: { startedAt: Date; offsetMs: number; durationMs: number } | null;
} | null;

// Every message of a live talk needs this; the timeline moves by whole segments, so a snapshot
// a second old gives the same answer (the position itself is computed from the clock).
const timelineCache = new TtlCache<Timeline>(1_000);

async function loadTimeline(talkId: string, at: Date): Promise<Timeline> {
  const recording = await prisma.recording.findUnique({
    where: { talkId },
    select: { id: true, status: true, startedAt: true, isTest: true },
  });
  // A private test stream is not the talk's timeline: it is thrown away.
  if (!recording || recording.status !== "LIVE" || !recording.startedAt || recording.isTest) return null;
  const segment = await prisma.recordingSegment.findFirst({
    where: { recordingId: recording.id, startedAt: { lte: at } },
    orderBy: { sequence: "desc" },
    select: { startedAt: true, offsetMs: true, durationMs: true },
  });
  return { startedAt: recording.startedAt, segment };
}

/**
 * Where a live talk's media timeline is at `at` (ms from the recording's start), or null when
 * nothing is being recorded live. Chat replay shows a message when the player reaches this spot.
 *
 * The media pipeline stores each HLS segment with its wall-clock start and its timeline offset;
 * starting from the latest segment (not the recording's start) keeps the position right across
 * pauses and reconnects of the broadcaster, which the timeline skips over.
 */
export async function computeMediaOffsetMs(options: { talkId: string; at?: Date }): Promise<number | null> {
  const at = options.at ?? new Date();
  const timeline = options.at
    ? await loadTimeline(options.talkId, at)
    : await timelineCache.get(options.talkId, () => loadTimeline(options.talkId, at));
  if (!timeline) return null;
  const { segment } = timeline;
  if (!segment) return Math.max(0, at.getTime() - timeline.startedAt.getTime());
  // Past the end of the last listed segment the stream may be paused: do not run ahead of the
  // media by more than the segments still being written.
  const into = Math.min(at.getTime() - segment.startedAt.getTime(), segment.durationMs + 10_000);
  return Math.max(0, segment.offsetMs + into);
}
