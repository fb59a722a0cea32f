import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "@/lib/db/client";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { getFfmpegPath } from "./ffmpeg/ffmpeg-path";
import { renderMasterPlaylist, renderMediaPlaylist, type PlaylistSegment } from "@/lib/media/hls-playlist";
import { msBetween, startSegmenter, type SegmentReady, type Segmenter } from "./ffmpeg/ffmpeg-segmenter";
import { chooseRenditions, renditionInfo } from "@/lib/media/renditions";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { describeTranscodeFailure } from "@/lib/media/describe-transcode-failure";

/** ffmpeg could not turn the file into a video: the reason is for the speaker. */
class UnreadableVideo extends Error {}

/** The input's duration in seconds, from ffmpeg's own header dump (ffprobe is not always there). */
function probeDuration(file: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(getFfmpegPath(), ["-hide_banner", "-i", file], { stdio: ["ignore", "ignore", "pipe"] });
    let text = "";
    child.stderr!.on("data", (d) => (text += d));
    child.on("close", () => {
      const match = text.match(/Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/);
      resolve(match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : null);
    });
    child.on("error", () => resolve(null));
  });
}

const pad = (n: number) => String(n).padStart(6, "0");

/** How often a running transcode checks that its recording still exists (deleted talk, upload replaced on another node). */
const ROW_CHECK_MS = 1000;

/**
 * Upload -> HLS (VOD playlists `<rendition>/vod.m3u8`, the premiere playlist is derived from them),
 * with progress on the recording and the media timeline anchored at the talk's scheduled start.
 * It stops (ffmpeg killed, its output removed) when `signal` aborts or its recording row goes away,
 * and never rejects: it runs in the background of the realtime process.
 */
export async function transcodeUpload(options: { recordingId: string; file: string; signal?: AbortSignal }): Promise<void> {
  const recording = await prisma.recording.findUnique({
    where: { id: options.recordingId },
    include: { talk: { select: { id: true, conferenceId: true, startsAt: true } } },
  });
  if (!recording) return;
  const notify = () =>
    publishDomainEvent({
      type: "recording:changed",
      talkId: recording.talkId,
      conferenceId: recording.talk.conferenceId,
      at: new Date().toISOString(),
    });
  const storage = getMediaStorage();
  const specs = chooseRenditions({ copyVideo: false });
  const segments = new Map<string, PlaylistSegment[]>(specs.map((s) => [s.name, []]));
  // Media time of each rendition's latest segment: a segment lasts until the next one starts.
  const lastStart = new Map<string, number>();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-upload-hls-"));
  let lastProgress = 0;
  let queue = Promise.resolve();
  let segmenter: Segmenter | null = null;
  let cancelled = false;
  const cancel = () => {
    cancelled = true;
    segmenter?.kill();
  };
  options.signal?.addEventListener("abort", cancel, { once: true });
  const rowCheck = setInterval(() => {
    prisma.recording.count({ where: { id: recording.id } }).then(
      (n) => n === 0 && cancel(),
      () => {},
    );
  }, ROW_CHECK_MS);
  rowCheck.unref();

  const addSegment = async (ready: SegmentReady) => {
    if (cancelled) return;
    const list = segments.get(ready.rendition)!;
    const sequence = list.length;
    const uri = `${pad(sequence)}.ts`;
    await storage.putFile(`${recording.storagePrefix}/${ready.rendition}/${uri}`, ready.file);
    const previousStart = lastStart.get(ready.rendition);
    lastStart.set(ready.rendition, ready.start);
    const previous = list[list.length - 1];
    if (previous && previousStart !== undefined) previous.durationMs = msBetween(previousStart, ready.start);
    const offsetMs = list.reduce((sum, s) => sum + s.durationMs, 0);
    list.push({
      sequence,
      uri,
      durationMs: Math.max(1, Math.round((ready.end - ready.start) * 1000)),
      startedAt: new Date(recording.talk.startsAt.getTime() + offsetMs),
      discontinuity: false,
    });
  };

  let progressWrite: Promise<unknown> = Promise.resolve();
  try {
    const duration = await probeDuration(options.file);
    if (options.signal?.aborted) cancelled = true;
    if (cancelled) return;
    segmenter = startSegmenter({
      workDir,
      input: { kind: "file", path: options.file },
      renditions: specs,
      segmentSeconds: 2,
      onSegment: (ready) => {
        queue = queue.then(() => addSegment(ready));
      },
      onProgress: (seconds) => {
        if (!duration) return;
        const progress = Math.min(99, Math.floor((seconds / duration) * 100));
        if (progress >= lastProgress + 5) {
          lastProgress = progress;
          // Only while still processing: a late progress write must not undo the final 100%.
          progressWrite = progressWrite.then(() =>
            prisma.recording.updateMany({ where: { id: recording.id, status: "PROCESSING" }, data: { progress } }).then(notify, () => {}),
          );
        }
      },
    });
    const code = await segmenter.closed;
    await queue;
    await progressWrite;
    if (cancelled) return;
    const main = segments.get("v0")!;
    // The last segments end with the file's media, not with their last frame.
    if (duration) {
      for (const list of segments.values()) {
        const last = list[list.length - 1];
        if (!last) continue;
        const before = list.slice(0, -1).reduce((sum, s) => sum + s.durationMs, 0);
        last.durationMs = Math.max(last.durationMs, Math.round(duration * 1000) - before);
      }
    }
    if (code !== 0 || main.length === 0) {
      throw new UnreadableVideo(describeTranscodeFailure({ stderr: segmenter.stderrTail(), exitCode: code, segments: main.length }));
    }
    for (const [name, list] of segments) {
      await storage.putText(`${recording.storagePrefix}/${name}/vod.m3u8`, renderMediaPlaylist({ segments: list, ended: true, vod: true }));
    }
    await storage.putText(`${recording.storagePrefix}/master.m3u8`, renderMasterPlaylist(specs.map(renditionInfo)));
    let offsetMs = 0;
    await prisma.recordingSegment.createMany({
      data: main.map((s) => {
        const row = {
          recordingId: recording.id,
          sequence: s.sequence,
          uri: s.uri,
          startedAt: s.startedAt,
          offsetMs,
          durationMs: s.durationMs,
          discontinuity: false,
        };
        offsetMs += s.durationMs;
        return row;
      }),
    });
    const { count } = await prisma.recording.updateMany({
      where: { id: recording.id },
      data: { status: "READY", progress: 100, durationMs: offsetMs, error: null, readyAt: new Date() },
    });
    if (count === 0) cancelled = true;
  } catch (error) {
    // The recording went away under us (replaced or its talk deleted: P2003 on the segment rows) is a cancel, not a failure.
    const reason =
      error instanceof UnreadableVideo
        ? error.message
        : "The video could not be processed on the server. Upload it again; if it fails again, tell the organizers.";
    const { count } = await prisma.recording
      .updateMany({ where: { id: recording.id }, data: { status: "FAILED", error: reason } })
      .catch(() => ({ count: 0 }));
    if (count === 0) cancelled = true;
    else console.error(`upload transcode ${recording.id} failed:`, error);
  } finally {
    clearInterval(rowCheck);
    options.signal?.removeEventListener("abort", cancel);
    fs.rm(workDir, { recursive: true, force: true }, () => {});
    // A cancelled transcode leaves nothing behind: its segments were written after the folder was removed.
    if (cancelled) await storage.removePrefix(recording.storagePrefix).catch((error) => console.error("upload transcode cleanup:", error));
    await notify().catch(() => {});
  }
}
