import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { parseMediaPlaylist, renderMasterPlaylist, renderMediaPlaylist, type PlaylistSegment } from "@/lib/media/hls-playlist";
import { chooseRenditions, renditionInfo, type RenditionSpec } from "@/lib/media/renditions";
import { startSegmenter, type Segmenter, type SegmentReady } from "../ffmpeg/ffmpeg-segmenter";
import { WebmStream, detectVideoCodec } from "./webm-stream";

export type IngestSource = "BROWSER" | "RTMP";

type RenditionState = { spec: RenditionSpec; segments: PlaylistSegment[]; totalMs: number };

type Generation = {
  segmenter: Segmenter;
  workDir: string;
  wallStart: number; // wall clock of media time `firstStart`
  firstStart: Map<string, number>;
  made: number;
  stopping: boolean;
  firstDataAt: number | null;
};

export type Publisher = { socketId: string; userId: string; streamId: string; connected: boolean };

export type IngestHealth = {
  talkId: string;
  segments: number;
  durationMs: number;
  restarts: number;
  chunks: number;
  bytes: number;
  transcoding: boolean | null;
  ffmpegPid: number | null;
};

const pad = (n: number) => String(n).padStart(6, "0");
const IDLE_STOP_MS = 60_000;
const FIRST_SEGMENT_DEADLINE_MS = 10_000;

/**
 * One live talk being recorded: ffmpeg generations in, a server-owned HLS EVENT playlist out.
 * Events: "segment" (rendition, segment), "restart" (after ffmpeg died), "failed" (message),
 * "ended".
 */
export class LiveIngest extends EventEmitter {
  readonly talkId: string;
  readonly conferenceId: string;
  readonly recordingId: string;
  readonly prefix: string;
  readonly source: IngestSource;
  publisher: Publisher | null = null;
  private renditions: RenditionState[] = [];
  private generation: Generation | null = null;
  private webm: WebmStream | null = null;
  private input: "matroska" | "flv" = "matroska";
  private copyVideo: boolean | null = null;
  private queue: Promise<void> = Promise.resolve();
  private failures = 0;
  private ended = false;
  private live = false;
  private lastChunkSeq = -1;
  private lastDataAt = Date.now();
  private idleTimer: NodeJS.Timeout;
  stats = { chunks: 0, bytes: 0, restarts: 0 };

  private constructor(init: { talkId: string; conferenceId: string; recordingId: string; prefix: string; source: IngestSource; live: boolean }) {
    super();
    this.talkId = init.talkId;
    this.conferenceId = init.conferenceId;
    this.recordingId = init.recordingId;
    this.prefix = init.prefix;
    this.source = init.source;
    this.live = init.live;
    // A publisher gone quiet for a minute: close the segment in progress and let ffmpeg go. If the
    // same stream comes back, it continues in a new generation (after a discontinuity).
    this.idleTimer = setInterval(() => {
      const generation = this.generation;
      if (!generation || generation.stopping) return;
      const idle = Date.now() - this.lastDataAt > IDLE_STOP_MS;
      if (this.input === "matroska" && idle) {
        void this.stopGeneration().then(() => this.webm?.resync());
      } else if (generation.made === 0 && generation.firstDataAt && Date.now() - generation.firstDataAt > FIRST_SEGMENT_DEADLINE_MS) {
        // Fed for a while and still no segment: ffmpeg is stuck on input it cannot use. Killing it
        // counts as a failed attempt (three in a row end the stream with an error to the speaker).
        generation.segmenter.kill();
      }
    }, 2000);
    this.idleTimer.unref();
  }

  /** Opens the ingest of a recording, resuming its timeline (segments in the DB) after a restart. */
  static async open(options: { recordingId: string; source: IngestSource }): Promise<LiveIngest> {
    const recording = await prisma.recording.findUniqueOrThrow({
      where: { id: options.recordingId },
      include: { talk: { select: { conferenceId: true } }, segments: { orderBy: { sequence: "asc" } } },
    });
    const ingest = new LiveIngest({
      talkId: recording.talkId,
      conferenceId: recording.talk.conferenceId,
      recordingId: recording.id,
      prefix: recording.storagePrefix,
      source: options.source,
      live: recording.startedAt !== null,
    });
    if (recording.segments.length > 0) {
      // Resumed timeline: the main rendition comes back from the DB (the media timeline), lower
      // renditions from their own playlists, so every playlist continues where it stopped.
      const [mainSpec, ...lowerSpecs] = chooseRenditions({ copyVideo: true, lowRendition: true });
      ingest.renditions = [
        {
          spec: mainSpec!,
          segments: recording.segments.map((s) => ({
            sequence: s.sequence,
            uri: s.uri,
            durationMs: s.durationMs,
            startedAt: s.startedAt,
            discontinuity: s.discontinuity,
          })),
          totalMs: recording.segments.reduce((sum, s) => sum + s.durationMs, 0),
        },
      ];
      for (const spec of lowerSpecs) {
        const text = await getMediaStorage().readText(`${recording.storagePrefix}/${spec.name}/index.m3u8`);
        if (!text) continue;
        const segments = parseMediaPlaylist(text).segments.map((s, index) => ({
          sequence: index,
          uri: s.uri,
          durationMs: Math.round(s.duration * 1000),
          startedAt: s.programDateTime ?? recording.startedAt ?? new Date(),
          discontinuity: s.discontinuity,
        }));
        ingest.renditions.push({ spec, segments, totalMs: segments.reduce((sum, s) => sum + s.durationMs, 0) });
      }
    }
    return ingest;
  }

  health(): IngestHealth {
    const main = this.renditions[0];
    return {
      talkId: this.talkId,
      segments: main?.segments.length ?? 0,
      durationMs: main?.totalMs ?? 0,
      restarts: this.stats.restarts,
      chunks: this.stats.chunks,
      bytes: this.stats.bytes,
      transcoding: this.copyVideo === null ? null : !this.copyVideo,
      ffmpegPid: this.generation?.segmenter.pid ?? null,
    };
  }

  get isEnded() {
    return this.ended;
  }

  /** A new MediaRecorder stream (first "Go live", or after a page reload): a new ffmpeg generation. */
  async beginStream(publisher: Omit<Publisher, "connected">, input: "matroska" | "flv" = "matroska"): Promise<void> {
    if (this.ended) throw new AppError("GONE", "This talk has ended");
    await this.stopGeneration();
    this.input = input;
    this.webm = input === "matroska" ? new WebmStream() : null;
    this.lastChunkSeq = -1;
    this.failures = 0;
    this.publisher = { ...publisher, connected: true };
  }

  /** The same MediaRecorder stream continues on a new socket (a dropped connection came back). */
  resumeStream(publisher: Omit<Publisher, "connected">) {
    this.publisher = { ...publisher, connected: true };
  }

  detachPublisher(socketId: string) {
    if (this.publisher?.socketId === socketId) this.publisher.connected = false;
  }

  /** Feeds one chunk of the browser's recording. Duplicates (resent after a reconnect) are skipped. */
  writeChunk(seq: number, chunk: Buffer): void {
    if (this.ended) throw new AppError("GONE", "This talk has ended");
    if (seq <= this.lastChunkSeq) return;
    if (!this.webm) throw new AppError("CONFLICT", "Go live first");
    const bytes = this.webm.push(chunk);
    this.lastChunkSeq = seq;
    this.lastDataAt = Date.now();
    this.stats.chunks += 1;
    this.stats.bytes += chunk.length;
    if (!bytes) return;
    if (!this.generation) {
      this.copyVideo = detectVideoCodec(this.webm.header!) === "h264";
      this.startGeneration();
    }
    this.generation!.firstDataAt ??= Date.now();
    this.generation!.segmenter.stdin?.write(bytes);
  }

  /** Feeds FLV bytes from the RTMP ingest (which knows the codec from the RTMP metadata). */
  writeFlv(bytes: Buffer, options: { h264: boolean }): void {
    if (this.ended || this.input !== "flv") return;
    if (!this.generation) {
      this.copyVideo = options.h264;
      this.startGeneration();
    }
    this.stats.bytes += bytes.length;
    this.lastDataAt = Date.now();
    this.generation!.firstDataAt ??= Date.now();
    this.generation!.segmenter.stdin?.write(bytes);
  }

  /** For tests and the benchmark: the pid of the current ffmpeg. */
  get ffmpegPid(): number | undefined {
    return this.generation?.segmenter.pid;
  }

  private startGeneration() {
    const copyVideo = this.copyVideo ?? false;
    if (this.renditions.length === 0) {
      this.renditions = chooseRenditions({ copyVideo }).map((spec) => ({ spec, segments: [], totalMs: 0 }));
      void this.enqueue(() => this.writeMaster());
    } else {
      // The renditions the recording already has (the master lists them), with this stream's codec.
      const specs = chooseRenditions({ copyVideo, lowRendition: true });
      for (const state of this.renditions) state.spec = specs.find((s) => s.name === state.spec.name) ?? state.spec;
    }
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `plenary-ingest-${this.talkId}-`));
    const generation: Generation = {
      segmenter: null as unknown as Segmenter,
      workDir,
      wallStart: Date.now() - (this.input === "matroska" ? 1000 : 0), // a chunk holds the last ~1 s
      firstStart: new Map(),
      made: 0,
      stopping: false,
      firstDataAt: null,
    };
    generation.segmenter = startSegmenter({
      workDir,
      input: { kind: this.input },
      renditions: this.renditions.map((r) => r.spec),
      onSegment: (segment) => {
        generation.made += 1;
        void this.enqueue(() => this.addSegment(generation, segment));
      },
    });
    this.generation = generation;
    void generation.segmenter.closed.then((code) => this.enqueue(() => this.onGenerationClosed(generation, code)));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task).catch((error) => {
      console.error(`media ingest ${this.talkId}:`, error);
    });
    return this.queue;
  }

  private async addSegment(generation: Generation, ready: SegmentReady) {
    const state = this.renditions.find((r) => r.spec.name === ready.rendition);
    if (!state) return;
    const storage = getMediaStorage();
    const last = state.segments[state.segments.length - 1];
    const sequence = last ? last.sequence + 1 : 0;
    const uri = `${pad(sequence)}.ts`;
    await storage.putFile(`${this.prefix}/${state.spec.name}/${uri}`, ready.file);
    if (!generation.firstStart.has(ready.rendition)) generation.firstStart.set(ready.rendition, ready.start);
    const firstInGeneration = generation.firstStart.get(ready.rendition) === ready.start;
    const segment: PlaylistSegment = {
      sequence,
      uri,
      durationMs: Math.max(1, Math.round((ready.end - ready.start) * 1000)),
      startedAt: new Date(generation.wallStart + (ready.start - generation.firstStart.get(ready.rendition)!) * 1000),
      discontinuity: firstInGeneration && state.segments.length > 0,
    };
    const offsetMs = state.totalMs;
    state.segments.push(segment);
    state.totalMs += segment.durationMs;
    if (state === this.renditions[0]) {
      // The media timeline (wall clock <-> position) for chat replay.
      await prisma.recordingSegment.create({
        data: { recordingId: this.recordingId, sequence, uri, startedAt: segment.startedAt, offsetMs, durationMs: segment.durationMs, discontinuity: segment.discontinuity },
      });
    }
    await storage.putText(`${this.prefix}/${state.spec.name}/index.m3u8`, renderMediaPlaylist({ segments: state.segments, ended: false }));
    this.failures = 0;
    if (state === this.renditions[0] && !this.live) {
      this.live = true;
      await prisma.recording.update({ where: { id: this.recordingId }, data: { status: "LIVE", startedAt: segment.startedAt } });
      await setTalkStatus({ talkId: this.talkId, status: "LIVE" });
    }
    this.emit("segment", { rendition: state.spec.name, sequence, durationMs: segment.durationMs, listedAt: Date.now() });
  }

  private async writeMaster() {
    const storage = getMediaStorage();
    await storage.putText(`${this.prefix}/master.m3u8`, renderMasterPlaylist(this.renditions.map((r) => renditionInfo(r.spec))));
  }

  private async onGenerationClosed(generation: Generation, code: number | null) {
    fs.rm(generation.workDir, { recursive: true, force: true }, () => {});
    if (this.generation !== generation) return;
    this.generation = null;
    if (generation.stopping || this.ended) return;
    // ffmpeg died on its own (crash, kill, unreadable input): restart it, the playlist continues
    // after a discontinuity. Input it cannot read at all fails three times in a row: give up.
    this.failures = generation.made === 0 ? this.failures + 1 : 0;
    if (this.failures >= 3) {
      const reason = generation.segmenter.stderrTail().trim().split("\n").slice(-2).join(" ");
      console.error(`media ingest ${this.talkId}: ffmpeg cannot read the stream (exit ${code}): ${reason}`);
      this.webm = null;
      this.emit("failed", "The server could not read your stream. Check your browser or encoder settings and go live again.");
      return;
    }
    this.stats.restarts += 1;
    console.warn(`media ingest ${this.talkId}: ffmpeg exited (${code}), restarting`);
    if (this.input === "matroska") {
      this.webm?.resync();
      if (this.webm?.header) this.startGeneration();
    } else {
      this.startGeneration();
      this.emit("restart");
    }
  }

  /** Lets the current ffmpeg finish its last segment and waits for it (a stream ended or was replaced). */
  private async stopGeneration() {
    const generation = this.generation;
    if (!generation) return;
    generation.stopping = true;
    generation.segmenter.finish();
    const timer = setTimeout(() => generation.segmenter.kill(), 5000);
    await generation.segmenter.closed;
    clearTimeout(timer);
    // Segment lines and the close handler were queued before `closed` resolved; wait for them.
    await this.queue;
    if (this.generation === generation) this.generation = null;
  }

  /** Ends the recording: last segment flushed, ENDLIST appended, talk ENDED. */
  async end(): Promise<{ durationMs: number }> {
    if (this.ended) return { durationMs: this.renditions[0]?.totalMs ?? 0 };
    this.ended = true;
    clearInterval(this.idleTimer);
    await this.stopGeneration();
    await this.enqueue(async () => {
      const storage = getMediaStorage();
      for (const state of this.renditions) {
        await storage.putText(`${this.prefix}/${state.spec.name}/index.m3u8`, renderMediaPlaylist({ segments: state.segments, ended: true }));
      }
    });
    const durationMs = this.renditions[0]?.totalMs ?? 0;
    await prisma.recording.update({
      where: { id: this.recordingId },
      data: { status: durationMs > 0 ? "ENDED" : "FAILED", endedAt: new Date(), durationMs },
    });
    await setTalkStatus({ talkId: this.talkId, status: "ENDED" });
    await publishDomainEvent({ type: "recording:changed", talkId: this.talkId, conferenceId: this.conferenceId, at: new Date().toISOString() });
    this.emit("ended");
    return { durationMs };
  }

  /** The encoder went away (OBS stopped): flush the segment in progress; the talk stays live. */
  async endStream(): Promise<void> {
    await this.stopGeneration();
  }

  /** Process shutdown: stop ffmpeg but keep the talk live, so the speaker can resume after a restart. */
  async suspend(): Promise<void> {
    clearInterval(this.idleTimer);
    await this.stopGeneration();
  }
}
