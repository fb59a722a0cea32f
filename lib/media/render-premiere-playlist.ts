import { prisma } from "@/lib/db/client";
import type { MediaKey } from "./authorize-media-read";
import { parseMediaPlaylist, renderMediaPlaylist, type PlaylistSegment } from "./hls-playlist";
import { getMediaStorage } from "./storage/get-media-storage";

type Premiere = { startsAt: Date } | null;
const premieres = new Map<string, { premiere: Premiere; until: number }>();
const vods = new Map<string, { uri: string; duration: number }[]>();

async function findPremiere(folder: string): Promise<Premiere> {
  const cached = premieres.get(folder);
  if (cached && cached.until > Date.now()) return cached.premiere;
  const recording = await prisma.recording.findFirst({
    where: { storagePrefix: folder },
    select: { source: true, status: true, talk: { select: { startsAt: true } } },
  });
  const premiere = recording?.source === "UPLOAD" && recording.status === "READY" ? { startsAt: recording.talk.startsAt } : null;
  if (premieres.size > 1000) premieres.clear();
  premieres.set(folder, { premiere, until: Date.now() + 5000 });
  return premiere;
}

/**
 * A pre-recorded talk plays like a live one: its playlist lists what "has been broadcast" since
 * the scheduled start, so everyone joins at the same live position and can scrub back to the start.
 * Returns null for recordings that are not premieres (their playlists are plain files).
 */
export async function renderPremierePlaylist(options: { key: MediaKey; now: Date }): Promise<string | null> {
  const premiere = await findPremiere(options.key.folder);
  if (!premiere) return null;
  const rendition = options.key.file.split("/")[0]!;
  const vodKey = `${options.key.folder}/${rendition}/vod.m3u8`;
  let segments = vods.get(vodKey);
  if (!segments) {
    const text = await getMediaStorage().readText(vodKey);
    if (text === null) return null;
    segments = parseMediaPlaylist(text).segments;
    vods.set(vodKey, segments);
  }
  const elapsedMs = options.now.getTime() - premiere.startsAt.getTime();
  const listed: PlaylistSegment[] = [];
  let offsetMs = 0;
  for (const [index, segment] of segments.entries()) {
    const durationMs = Math.round(segment.duration * 1000);
    if (offsetMs + durationMs > elapsedMs) break;
    listed.push({ sequence: index, uri: segment.uri, durationMs, startedAt: new Date(premiere.startsAt.getTime() + offsetMs), discontinuity: false });
    offsetMs += durationMs;
  }
  return renderMediaPlaylist({ segments: listed, ended: listed.length === segments.length });
}
