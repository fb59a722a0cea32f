import { prisma } from "@/lib/db/client";
import { parseMediaPlaylist } from "./hls-playlist";
import { chooseRenditions } from "./renditions";
import { getMediaStorage } from "./storage/get-media-storage";

/**
 * Before a node takes over a live recording: segments its predecessor listed in the main playlist
 * without writing their timeline rows (it died in between, or PostgreSQL was away) get their rows
 * from that playlist, so the new node continues after them instead of reusing their names (which
 * players and caches already hold as immutable). Returns how many rows it added.
 */
export async function recoverLiveTimeline(options: { recordingId: string }): Promise<number> {
  const recording = await prisma.recording.findUniqueOrThrow({
    where: { id: options.recordingId },
    select: {
      storagePrefix: true,
      startedAt: true,
      segments: { orderBy: { sequence: "asc" }, select: { sequence: true, startedAt: true, offsetMs: true, durationMs: true } },
    },
  });
  const main = chooseRenditions({ copyVideo: true })[0]!.name;
  const text = await getMediaStorage().readText(`${recording.storagePrefix}/${main}/index.m3u8`);
  if (!text) return 0;
  const listed = parseMediaPlaylist(text).segments;
  const known = recording.segments;
  if (listed.length <= known.length) return 0;
  const last = known.at(-1);
  let offsetMs = last ? last.offsetMs + last.durationMs : 0;
  let startedAt = last ? new Date(last.startedAt.getTime() + last.durationMs) : (recording.startedAt ?? new Date());
  const rows = listed.slice(known.length).map((segment, i) => {
    const durationMs = Math.round(segment.duration * 1000);
    const row = {
      recordingId: options.recordingId,
      sequence: known.length + i,
      uri: segment.uri.split("?")[0]!,
      startedAt: segment.programDateTime ?? startedAt,
      offsetMs,
      durationMs,
      discontinuity: segment.discontinuity,
    };
    offsetMs += durationMs;
    startedAt = new Date(row.startedAt.getTime() + durationMs);
    return row;
  });
  const { count } = await prisma.recordingSegment.createMany({ data: rows, skipDuplicates: true });
  return count;
}
