import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { RenditionSpec } from "@/lib/media/renditions";
import { getFfmpegPath } from "./ffmpeg-path";

/** `start` is the media time of the segment's first frame; `end` is ffmpeg's: its last frame plus that frame's duration, when known. */
export type SegmentReady = { rendition: string; file: string; start: number; end: number };

/** Whole milliseconds between two media times, rounded at both ends so that consecutive ones add up exactly. */
export function msBetween(from: number, to: number): number {
  return Math.max(1, Math.round(to * 1000) - Math.round(from * 1000));
}

export type SegmenterInput =
  | { kind: "matroska" } // MediaRecorder WebM on stdin
  | { kind: "flv" } // RTMP, re-muxed to FLV by the RTMP ingest, on stdin
  | { kind: "file"; path: string; realtime?: boolean };

export type Segmenter = {
  pid: number | undefined;
  stdin: Writable | null;
  /** Resolves with the exit code once ffmpeg exited AND every segment line was delivered. */
  closed: Promise<number | null>;
  stderrTail: () => string;
  /** Ends the input; ffmpeg closes the last segment and exits. */
  finish: () => void;
  kill: () => void;
};

function videoArgs(spec: RenditionSpec): string[] {
  if (spec.copyVideo) return [`-c:v`, "copy"];
  return [
    `-filter:v`,
    `scale=-2:'min(${spec.height},ih)'`,
    `-c:v`,
    "libx264",
    `-preset:v`,
    spec.preset,
    `-tune:v`,
    "zerolatency",
    `-profile:v`,
    "high",
    `-pix_fmt:v`,
    "yuv420p",
    `-b:v`,
    `${spec.videoBitrateK}k`,
    `-maxrate:v`,
    `${Math.round(spec.videoBitrateK * 1.2)}k`,
    `-bufsize:v`,
    `${spec.videoBitrateK * 2}k`,
    // A keyframe every second: segments of 1 s, each one independent.
    `-force_key_frames:v`,
    "expr:gte(t,n_forced*1)",
    `-sc_threshold:v`,
    "0",
  ];
}

/**
 * Runs ffmpeg as a segmenter: it writes finished MPEG-TS segments into `workDir/<rendition>/` and
 * reports each one on its own pipe (fd 3, 4...) as a CSV line "file,start,end". ffmpeg never
 * writes a playlist: Plenary owns those (see hls-playlist.ts).
 */
export function startSegmenter(options: {
  workDir: string;
  input: SegmenterInput;
  renditions: RenditionSpec[];
  segmentSeconds?: number;
  onSegment: (segment: SegmentReady) => void;
  onProgress?: (outTimeSeconds: number) => void;
}): Segmenter {
  const { workDir, input, renditions } = options;
  const segmentSeconds = options.segmentSeconds ?? 1;
  const args = ["-hide_banner", "-nostdin", "-loglevel", "warning"];
  if (options.onProgress) args.push("-progress", "pipe:2");
  // A live stream is read after 1 s of probing, never by counting frames for a frame rate: at
  // 1 fps (a screen share) ffmpeg would otherwise hold every segment back until the stream ends.
  const live = ["-analyzeduration", "1000000", "-fpsprobesize", "0"];
  if (input.kind === "matroska") args.push(...live, "-f", "matroska", "-i", "pipe:0");
  else if (input.kind === "flv") args.push(...live, "-f", "flv", "-i", "pipe:0");
  else {
    if (input.realtime) args.push("-re");
    args.push("-i", input.path);
  }
  renditions.forEach((spec, i) => {
    fs.mkdirSync(path.join(workDir, spec.name), { recursive: true });
    args.push("-map", "0:v:0", "-map", "0:a:0?");
    args.push(...videoArgs(spec));
    args.push("-c:a", "aac", "-b:a", `${spec.audioBitrateK}k`, "-ac", "2", "-ar", "48000");
    args.push(
      "-f",
      "segment",
      "-segment_format",
      "mpegts",
      "-segment_time",
      String(segmentSeconds),
      "-segment_list",
      `pipe:${3 + i}`,
      "-segment_list_type",
      "csv",
      "-reset_timestamps",
      "0",
      path.join(workDir, spec.name, "seg_%06d.ts"),
    );
  });

  const stdio: ("pipe" | "ignore")[] = [input.kind === "file" ? "ignore" : "pipe", "ignore", "pipe"];
  for (let i = 0; i < renditions.length; i++) stdio.push("pipe");
  const child: ChildProcess = spawn(getFfmpegPath(), args, { stdio });

  let tail = "";
  const stderr = child.stderr!;
  stderr.setEncoding("utf8");
  let progressBuffer = "";
  stderr.on("data", (text: string) => {
    if (options.onProgress) {
      progressBuffer += text;
      const lines = progressBuffer.split("\n");
      progressBuffer = lines.pop() ?? "";
      for (const line of lines) {
        const match = line.match(/^out_time_(?:us|ms)=(\d+)/);
        if (match) options.onProgress(Number(match[1]) / 1e6);
        else if (!/^\w+=/.test(line)) tail = (tail + line + "\n").slice(-4000);
      }
    } else {
      tail = (tail + text).slice(-4000);
    }
  });

  const listsDone = renditions.map((spec, i) => {
    const stream = child.stdio[3 + i] as Readable;
    const lines = readline.createInterface({ input: stream });
    lines.on("line", (line) => {
      const [file, start, end] = line.trim().split(",");
      if (!file || start === undefined || end === undefined) return;
      options.onSegment({ rendition: spec.name, file: path.join(workDir, spec.name, file), start: Number(start), end: Number(end) });
    });
    return new Promise<void>((resolve) => lines.on("close", () => resolve()));
  });

  const exited = new Promise<number | null>((resolve) => {
    child.on("error", (error) => {
      tail += `\n${error.message}`;
      resolve(null);
    });
    child.on("exit", (code, signal) => resolve(signal ? null : code));
  });
  const closed = Promise.all([exited, ...listsDone]).then(([code]) => code);

  // A killed ffmpeg breaks the pipe; the write error is expected and handled by the exit path.
  child.stdin?.on("error", () => {});

  return {
    pid: child.pid,
    stdin: child.stdin ?? null,
    closed,
    stderrTail: () => tail,
    finish: () => {
      if (child.stdin && !child.stdin.destroyed) child.stdin.end();
      else if (input.kind === "file") child.kill("SIGINT");
    },
    kill: () => {
      child.kill("SIGKILL");
    },
  };
}
