import type { MediaKey } from "./authorize-media-read";
import { renderMediaPlaylist, type PlaylistSegment } from "./hls-playlist";
import { airedSegmentCount, findPremiere } from "./find-premiere";

/**
 * A pre-recorded talk plays like a live one: its playlist lists what "has been broadcast" since
 * the scheduled start, so everyone joins at the same live position and can scrub back to the start.
 * Returns null for recordings that are not premieres (their playlists are plain files).
 */
export async function renderPremierePlaylist(options: { key: MediaKey; now: Date }): Promise<string | null> {
  const premiere = await findPremiere({ folder: options.key.folder, rendition: options.key.file.split("/")[0]! });
  if (!premiere) return null;
  const aired = airedSegmentCount(premiere, options.now);
  const listed: PlaylistSegment[] = [];
  let offsetMs = 0;
  for (const [index, segment] of premiere.segments.slice(0, aired).entries()) {
    listed.push({
      sequence: index,
      uri: segment.uri,
      durationMs: segment.durationMs,
      startedAt: new Date(premiere.startsAt.getTime() + offsetMs),
      discontinuity: false,
    });
    offsetMs += segment.durationMs;
  }
  return renderMediaPlaylist({ segments: listed, ended: aired === premiere.segments.length });
}
