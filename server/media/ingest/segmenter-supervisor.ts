import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RenditionSpec } from "@/lib/media/renditions";
import { BROWSER_CHUNK_MS } from "@/lib/media/schemas";
import { msBetween, startSegmenter, type Segmenter, type SegmentReady } from "../ffmpeg/ffmpeg-segmenter";
import { probeSegmentSpan } from "../ffmpeg/probe-segment-span";
import type { SerialQueue } from "./serial-queue";
import { realtimeMetrics } from "@/lib/metrics/realtime-metrics";

const FIRST_SEGMENT_DEADLINE_MS = 10_000;
const WATCH_EVERY_MS = 2000;
const STOP_GRACE_MS = 5000;
const ATTEMPTS = 3;
/**
 * A segment ffmpeg estimates shorter than this (a stalled or very slow source: its next frame may
 * be seconds away) waits for the next one, which says exactly where it ends. Listed with a short
 * estimate and corrected later, it would stretch the players' timeline twice: hls.js places the
 * next segment by its timestamps and then adds the corrected duration too.
 */
const HOLD_BELOW_MS = 500;

/**
 * A segment ffmpeg finished, placed on the wall clock. `durationMs` is an estimate until the next
 * segment starts: `previousDurationMs` then says how long the one before it really was (its next
 * start minus its own start), and the writer corrects it.
 */
export type TimedSegment = {
  rendition: string;
  file: string;
  durationMs: number;
  startedAt: Date;
  firstOfGeneration: boolean;
  previousDurationMs?: number;
};

type StreamSettings = { input: "matroska" | "flv"; copyVideo: boolean };

/** One ffmpeg run and the clock of its media time. */
type Generation = {
  segmenter: Segmenter;
  workDir: string;
  wallStart: number; // wall clock of media time `firstStart`
  firstStart: Map<string, number>;
  /** Media time where each rendition's latest segment starts. */
  lastStart: Map<string, number>;
  made: number;
  stopping: boolean;
  firstDataAt: number | null;
  /** Per rendition, a segment too short to trust, waiting for the next one (see HOLD_BELOW_MS). */
  held: Map<string, { segment: TimedSegment; closedAt: number }>;
};

/**
 * The ffmpeg generations of one live talk, one at a time. A generation that dies on its own is
 * replaced at once (the playlist continues after a discontinuity); a stream ffmpeg cannot read at
 * all gives up after three attempts in a row.
 */
export class SegmenterSupervisor {
  restarts = 0;
  private generation: Generation | null = null;
  private settings: StreamSettings | null = null;
  private failures = 0;
  private retired = false;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private readonly options: {
      talkId: string;
      queue: SerialQueue;
      /** The renditions the next ffmpeg writes. */
      renditionsFor: (copyVideo: boolean) => RenditionSpec[];
      /** Runs in the queue, in the order ffmpeg finished them. */
      onSegment: (segment: TimedSegment) => Promise<void>;
      /** The publisher has gone quiet: its ffmpeg is let go until data comes again. */
      isQuiet: () => boolean;
      /** A new ffmpeg replaced the one that died, or the quiet one was let go: the input must start over. */
      onInputBreak: () => void;
      onGaveUp: () => void;
    },
  ) {
    this.watchdog = setInterval(() => this.watch(), WATCH_EVERY_MS);
    this.watchdog.unref();
  }

  get running(): boolean {
    return this.generation !== null;
  }

  get pid(): number | undefined {
    return this.generation?.segmenter.pid;
  }

  /** Whether the video is copied (null before the first ffmpeg). */
  get copyVideo(): boolean | null {
    return this.settings?.copyVideo ?? null;
  }

  start(settings: StreamSettings) {
    this.settings = settings;
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `plenary-ingest-${this.options.talkId}-`));
    const generation: Generation = {
      segmenter: null as unknown as Segmenter,
      workDir,
      wallStart: Date.now() - (settings.input === "matroska" ? BROWSER_CHUNK_MS : 0), // a chunk holds the last slice
      firstStart: new Map(),
      lastStart: new Map(),
      made: 0,
      stopping: false,
      firstDataAt: null,
      held: new Map(),
    };
    generation.segmenter = startSegmenter({
      workDir,
      input: { kind: settings.input },
      renditions: this.options.renditionsFor(settings.copyVideo),
      onSegment: (ready) => {
        generation.made += 1;
        const segment = placeOnClock(generation, ready);
        // Once the input has ended, this may be the stream's last segment: nothing after it says
        // where it ends, so its own packets do (read before the writer moves the file).
        const span = generation.stopping ? probeSegmentSpan(ready.file) : null;
        const closedAt = performance.now();
        void this.options.queue.enqueue(async () => {
          // A held segment of this rendition ends exactly where this one starts.
          const waiting = generation.held.get(segment.rendition);
          if (waiting && segment.previousDurationMs !== undefined) {
            generation.held.delete(segment.rendition);
            waiting.segment.durationMs = segment.previousDurationMs;
            await this.publish(waiting.segment, waiting.closedAt);
          }
          const seconds = await span;
          if (seconds) segment.durationMs = Math.max(segment.durationMs, Math.round(seconds * 1000));
          if (!generation.stopping && segment.durationMs < HOLD_BELOW_MS) {
            generation.held.set(segment.rendition, { segment, closedAt });
            return;
          }
          await this.publish(segment, closedAt);
        });
      },
    });
    this.generation = generation;
    void generation.segmenter.closed.then((code) => this.options.queue.enqueue(() => this.onClosed(generation, code)));
  }

  write(bytes: Buffer) {
    const generation = this.generation!;
    generation.firstDataAt ??= Date.now();
    generation.segmenter.stdin?.write(bytes);
  }

  /** Lets the current ffmpeg finish its last segment and waits for it (a stream ended or was replaced). */
  async stop(): Promise<void> {
    const generation = this.generation;
    if (!generation) return;
    generation.stopping = true;
    generation.segmenter.finish();
    const timer = setTimeout(() => generation.segmenter.kill(), STOP_GRACE_MS);
    await generation.segmenter.closed;
    clearTimeout(timer);
    // Segment lines and the close handler were queued before `closed` resolved; wait for them.
    await this.options.queue.idle();
    if (this.generation === generation) this.generation = null;
  }

  /** A new stream replaces the current one: its attempts count afresh. */
  async stopForNewStream(): Promise<void> {
    await this.stop();
    this.failures = 0;
  }

  /** The talk ended or the process shuts down: no watchdog, no restart. */
  async retire(): Promise<void> {
    this.retired = true;
    clearInterval(this.watchdog);
    await this.stop();
  }

  private watch() {
    const generation = this.generation;
    if (!generation || generation.stopping) return;
    if (this.options.isQuiet()) {
      // If the same stream comes back, it continues in a new generation (after a discontinuity).
      void this.stop().then(() => this.options.onInputBreak());
    } else if (generation.made === 0 && generation.firstDataAt && Date.now() - generation.firstDataAt > FIRST_SEGMENT_DEADLINE_MS) {
      // Fed for a while and still no segment: ffmpeg is stuck on input it cannot use. Killing it
      // counts as a failed attempt.
      generation.segmenter.kill();
    }
  }

  private async publish(segment: TimedSegment, closedAt: number) {
    await this.options.onSegment(segment);
    realtimeMetrics.segmentPublish.observe((performance.now() - closedAt) / 1000);
  }

  private async onClosed(generation: Generation, code: number | null) {
    // Segments still waiting were their stream's last: their own packets say where they end
    // (read before the work folder goes).
    for (const [rendition, { segment, closedAt }] of generation.held) {
      generation.held.delete(rendition);
      const seconds = await probeSegmentSpan(segment.file).catch(() => null);
      if (seconds) segment.durationMs = Math.max(segment.durationMs, Math.round(seconds * 1000));
      await this.publish(segment, closedAt).catch((error: unknown) =>
        console.error(`media ingest ${this.options.talkId}: last segment not listed`, error),
      );
    }
    fs.rm(generation.workDir, { recursive: true, force: true }, () => {});
    if (this.generation !== generation) return;
    this.generation = null;
    if (generation.stopping || this.retired) return;
    // ffmpeg died on its own (crash, kill, unreadable input).
    this.failures = generation.made === 0 ? this.failures + 1 : 0;
    if (this.failures >= ATTEMPTS) {
      const reason = generation.segmenter.stderrTail().trim().split("\n").slice(-2).join(" ");
      console.error(`media ingest ${this.options.talkId}: ffmpeg cannot read the stream (exit ${code}): ${reason}`);
      this.options.onGaveUp();
      return;
    }
    this.restarts += 1;
    realtimeMetrics.ffmpegRestarts.inc();
    console.warn(`media ingest ${this.options.talkId}: ffmpeg exited (${code}), restarting`);
    this.start(this.settings!);
    this.options.onInputBreak();
  }
}

/**
 * Segment times are ffmpeg's media time; the first of each generation anchors them to the wall
 * clock. ffmpeg's own end of a segment is its last frame plus that frame's (often unknown or
 * guessed) duration: a low or variable frame rate loses up to a frame interval per segment. A
 * segment really lasts until the next one starts, which is known one segment later.
 */
function placeOnClock(generation: Generation, ready: SegmentReady): TimedSegment {
  if (!generation.firstStart.has(ready.rendition)) generation.firstStart.set(ready.rendition, ready.start);
  const firstStart = generation.firstStart.get(ready.rendition)!;
  const previousStart = generation.lastStart.get(ready.rendition);
  generation.lastStart.set(ready.rendition, ready.start);
  return {
    rendition: ready.rendition,
    file: ready.file,
    durationMs: Math.max(1, Math.round((ready.end - ready.start) * 1000)),
    startedAt: new Date(generation.wallStart + (ready.start - firstStart) * 1000),
    firstOfGeneration: firstStart === ready.start,
    previousDurationMs: previousStart === undefined ? undefined : msBetween(previousStart, ready.start),
  };
}
