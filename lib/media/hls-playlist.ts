// HLS playlists are rendered by Plenary, not by ffmpeg: the server knows every segment (they are
// rows in RecordingSegment), writes each playlist atomically, and so survives an ffmpeg crash.

export type PlaylistSegment = {
  sequence: number;
  uri: string;
  durationMs: number;
  startedAt: Date;
  discontinuity: boolean;
};

export type Rendition = { name: string; width: number; height: number; bandwidth: number; codecs: string };

/** Segments target 1 s; a browser's H.264 copied as-is may cut up to 2 s (its keyframe interval). */
export const TARGET_DURATION_S = 2;

export function renderMediaPlaylist(options: { segments: PlaylistSegment[]; ended: boolean; vod?: boolean }): string {
  const { segments, ended } = options;
  const longest = segments.reduce((max, s) => Math.max(max, Math.ceil(s.durationMs / 1000)), TARGET_DURATION_S);
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:6",
    `#EXT-X-TARGETDURATION:${longest}`,
    "#EXT-X-MEDIA-SEQUENCE:0",
    "#EXT-X-DISCONTINUITY-SEQUENCE:0",
    `#EXT-X-PLAYLIST-TYPE:${options.vod ? "VOD" : "EVENT"}`,
    "#EXT-X-INDEPENDENT-SEGMENTS",
  ];
  // Players may ask for the next segment and get the playlist the moment it is listed
  // (`_HLS_msn`, served by the media route) instead of polling for it.
  if (!ended && !options.vod) lines.push("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES");
  segments.forEach((segment, index) => {
    if (segment.discontinuity && index > 0) lines.push("#EXT-X-DISCONTINUITY");
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${segment.startedAt.toISOString()}`);
    lines.push(`#EXTINF:${(segment.durationMs / 1000).toFixed(3)},`);
    lines.push(segment.uri);
  });
  if (ended) lines.push("#EXT-X-ENDLIST");
  return lines.join("\n") + "\n";
}

export function renderMasterPlaylist(renditions: Rendition[]): string {
  const lines = ["#EXTM3U", "#EXT-X-VERSION:6", "#EXT-X-INDEPENDENT-SEGMENTS"];
  for (const r of renditions) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},RESOLUTION=${r.width}x${r.height}${r.codecs ? `,CODECS="${r.codecs}"` : ""},NAME="${r.name}"`,
    );
    lines.push(`${r.name}/index.m3u8`);
  }
  return lines.join("\n") + "\n";
}

/**
 * Whether a media playlist answers a blocking reload for media sequence number `msn`: it lists
 * that segment, or it has ended and never will. Our playlists start at media sequence 0.
 */
export function listsSequence(text: string, msn: number): boolean {
  return text.includes("#EXT-X-ENDLIST") || nextSequence(text) > msn;
}

/** Media sequence number of the next segment a playlist will list (its segment count). */
export function nextSequence(text: string): number {
  return text.split("#EXTINF:").length - 1;
}

/** Parses our own media playlists back (tests, benchmark). */
export type ParsedSegment = { uri: string; duration: number; discontinuity: boolean; programDateTime: Date | null };

export function parseMediaPlaylist(text: string): { segments: ParsedSegment[]; ended: boolean; targetDuration: number } {
  const segments: ParsedSegment[] = [];
  let pendingDuration: number | null = null;
  let pendingDiscontinuity = false;
  let pendingDate: Date | null = null;
  let targetDuration = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#EXT-X-TARGETDURATION:")) targetDuration = Number(line.split(":")[1]);
    else if (line.startsWith("#EXTINF:")) pendingDuration = Number(line.slice(8).split(",")[0]);
    else if (line === "#EXT-X-DISCONTINUITY") pendingDiscontinuity = true;
    else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) pendingDate = new Date(line.slice(25));
    else if (line && !line.startsWith("#") && pendingDuration !== null) {
      segments.push({ uri: line, duration: pendingDuration, discontinuity: pendingDiscontinuity, programDateTime: pendingDate });
      pendingDuration = null;
      pendingDiscontinuity = false;
      pendingDate = null;
    }
  }
  return { segments, ended: text.includes("#EXT-X-ENDLIST"), targetDuration };
}
