import { prisma } from "@/lib/db/client";
import { parseMediaPlaylist } from "./hls-playlist";
import { getMediaStorage } from "./storage/get-media-storage";

export type PremiereSegment = { uri: string; durationMs: number };
export type Premiere = { startsAt: Date; segments: PremiereSegment[] };

// Players reload a premiere's playlist every second or two and fetch a segment each time: the
// recording's start is remembered briefly, the transcoded segment list (it never changes) for good.
const recordings = new Map<string, { startsAt: Date | null; until: number }>();
const vods = new Map<string, PremiereSegment[]>();

/**
 * The premiere a media folder belongs to (a READY upload and its talk's scheduled start) with one
 * rendition's transcoded segments; null for live recordings, whose files are served as written.
 */
export async function findPremiere(options: { folder: string; rendition: string }): Promise<Premiere | null> {
  let cached = recordings.get(options.folder);
  if (!cached || cached.until <= Date.now()) {
    const recording = await prisma.recording.findFirst({
      where: { storagePrefix: options.folder },
      select: { source: true, status: true, talk: { select: { startsAt: true } } },
    });
    const startsAt = recording?.source === "UPLOAD" && recording.status === "READY" ? recording.talk.startsAt : null;
    if (recordings.size > 1000) recordings.clear();
    cached = { startsAt, until: Date.now() + 5000 };
    recordings.set(options.folder, cached);
  }
  if (!cached.startsAt) return null;
  const vodKey = `${options.folder}/${options.rendition}/vod.m3u8`;
  let segments = vods.get(vodKey);
  if (!segments) {
    const text = await getMediaStorage().readText(vodKey);
    if (text === null) return null;
    segments = parseMediaPlaylist(text).segments.map((s) => ({ uri: s.uri, durationMs: Math.round(s.duration * 1000) }));
    if (vods.size > 1000) vods.clear();
    vods.set(vodKey, segments);
  }
  return { startsAt: cached.startsAt, segments };
}

/** How many of the premiere's segments have aired by `now` (wholly: a segment is listed once it is over). */
export function airedSegmentCount(premiere: Premiere, now: Date): number {
  const elapsedMs = now.getTime() - premiere.startsAt.getTime();
  let offsetMs = 0;
  let count = 0;
  for (const segment of premiere.segments) {
    if (offsetMs + segment.durationMs > elapsedMs) break;
    offsetMs += segment.durationMs;
    count++;
  }
  return count;
}
