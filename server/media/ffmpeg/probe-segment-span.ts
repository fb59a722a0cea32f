import { spawn } from "node:child_process";
import { getFfmpegPath } from "./ffmpeg-path";

/**
 * How long a finished segment's media lasts, in seconds, from its first video frame to the end of
 * its last packet of any stream (ffmpeg's `framecrc` listing: ffprobe is not always there). Used
 * for the last segment of a stream only, where no next segment tells where it ends: the audio
 * carries the true end; a video frame with no or a guessed duration counts as long as the
 * segment's average frame interval (a 1 fps screen share shows its last slide for a second).
 */
export async function probeSegmentSpan(file: string): Promise<number | null> {
  const times = await probeMediaTimes(file);
  return times && times.end > times.firstFrame ? times.end - times.firstFrame : null;
}

/** Media times (s) of a file: its first and last video frame, and where its media ends. */
export type MediaTimes = { firstFrame: number; lastFrame: number; end: number };

export function probeMediaTimes(file: string): Promise<MediaTimes | null> {
  return new Promise((resolve) => {
    const child = spawn(
      getFfmpegPath(),
      ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", file, "-map", "0", "-c", "copy", "-f", "framecrc", "-"],
      {
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let text = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (d: string) => (text += d));
    child.on("error", () => resolve(null));
    child.on("close", () => resolve(timesOfListing(text)));
  });
}

function timesOfListing(text: string): MediaTimes | null {
  const timeBase = new Map<number, number>();
  const kind = new Map<number, string>();
  const video: number[] = [];
  let videoStream: number | null = null;
  let end = -Infinity;
  let videoLastPts: number | null = null;
  let videoLastDuration = 0;
  for (const line of text.split("\n")) {
    const tb = line.match(/^#tb (\d+): (\d+)\/(\d+)/);
    if (tb) timeBase.set(Number(tb[1]), Number(tb[2]) / Number(tb[3]));
    const type = line.match(/^#media_type (\d+): (\w+)/);
    if (type) kind.set(Number(type[1]), type[2]!);
    if (line.startsWith("#") || !line.trim()) continue;
    const [index, , pts, duration] = line.split(",").map((s) => Number(s.trim()));
    if (index === undefined || pts === undefined || duration === undefined || Number.isNaN(pts)) continue;
    const unit = timeBase.get(index) ?? 1 / 90000;
    if (kind.get(index) === "video" && (videoStream === null || videoStream === index)) {
      videoStream = index;
      video.push(pts * unit);
      videoLastPts = Math.max(videoLastPts ?? -Infinity, pts * unit);
      videoLastDuration = duration * unit;
    } else {
      end = Math.max(end, (pts + duration) * unit);
    }
  }
  if (video.length === 0 || videoLastPts === null) return null;
  const first = Math.min(...video);
  const interval = video.length > 1 ? (videoLastPts - first) / (video.length - 1) : 0;
  end = Math.max(end, videoLastPts + Math.max(videoLastDuration, interval));
  return { firstFrame: first, lastFrame: videoLastPts, end };
}
