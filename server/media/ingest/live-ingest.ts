import { EventEmitter } from "node:events";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { finishLiveRecording } from "@/lib/media/finish-live-recording";
import { markRecordingLive } from "@/lib/media/mark-recording-live";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";
import type { BrowserPublisher, Publisher, PublisherConnection } from "./publisher";
import { PublisherSession } from "./publisher-session";
import { RecordingWriter } from "./recording-writer";
import { SegmenterSupervisor, type TimedSegment } from "./segmenter-supervisor";
import { SerialQueue } from "./serial-queue";

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

/**
 * One live talk being recorded: the publisher's stream (PublisherSession) through ffmpeg
 * generations (SegmenterSupervisor) to a server-written HLS EVENT playlist (RecordingWriter); the
 * talk goes LIVE on its first segment and ENDED at the end.
 * Events: "segment", "restart" (an encoder must resend its headers to a new ffmpeg), "failed"
 * (message), "ended", "stream-key-rotated", "publisher" (connected or not), "released" (this node
 * let go of the talk: ingest-registry.ts).
 */
export class LiveIngest extends EventEmitter {
  readonly talkId: string;
  readonly conferenceId: string;
  readonly recordingId: string;
  /** A private test stream: never public, thrown away instead of ended. */
  readonly isTest: boolean;
  private readonly session = new PublisherSession();
  private readonly queue: SerialQueue;
  private readonly writer: RecordingWriter;
  private readonly segmenter: SegmenterSupervisor;
  private ended = false;
  private live: boolean;

  private constructor(init: {
    talkId: string;
    conferenceId: string;
    recordingId: string;
    isTest: boolean;
    queue: SerialQueue;
    writer: RecordingWriter;
    live: boolean;
  }) {
    super();
    this.talkId = init.talkId;
    this.conferenceId = init.conferenceId;
    this.recordingId = init.recordingId;
    this.isTest = init.isTest;
    this.queue = init.queue;
    this.writer = init.writer;
    this.live = init.live;
    this.segmenter = new SegmenterSupervisor({
      talkId: this.talkId,
      queue: this.queue,
      renditionsFor: (copyVideo) => this.writer.renditionsFor(copyVideo),
      onSegment: (segment) => this.publishSegment(segment),
      isQuiet: () => this.session.isQuiet(),
      onInputBreak: () => {
        if (this.session.publisher?.kind === "encoder") this.emit("restart");
        else this.session.resync();
      },
      onGaveUp: () => {
        this.session.dropStream();
        this.emit("failed", "The server could not read your stream. Check your browser or encoder settings and go live again.");
      },
    });
  }

  /** Opens the ingest of a recording, resuming its timeline (segments in the DB) after a restart. */
  static async open(options: { recordingId: string }): Promise<LiveIngest> {
    const recording = await prisma.recording.findUniqueOrThrow({
      where: { id: options.recordingId },
      include: { talk: { select: { conferenceId: true } }, segments: { orderBy: { sequence: "asc" } } },
    });
    const queue = new SerialQueue(`media ingest ${recording.talkId}`);
    const writer = await RecordingWriter.resume({ recording, queue });
    return new LiveIngest({
      talkId: recording.talkId,
      conferenceId: recording.talk.conferenceId,
      recordingId: recording.id,
      isTest: recording.isTest,
      queue,
      writer,
      live: recording.startedAt !== null,
    });
  }

  get publisher(): Publisher | null {
    return this.session.publisher;
  }

  get isPublisherConnected(): boolean {
    return this.session.connected;
  }

  get isEnded() {
    return this.ended;
  }

  /** For tests and the benchmark: the pid of the current ffmpeg. */
  get ffmpegPid(): number | undefined {
    return this.segmenter.pid;
  }

  health(): IngestHealth {
    const copyVideo = this.segmenter.copyVideo;
    return {
      talkId: this.talkId,
      segments: this.writer.segmentCount,
      durationMs: this.writer.durationMs,
      restarts: this.segmenter.restarts,
      chunks: this.session.stats.chunks,
      bytes: this.session.stats.bytes,
      transcoding: copyVideo === null ? null : !copyVideo,
      ffmpegPid: this.segmenter.pid ?? null,
    };
  }

  /** A new stream (first "Go live", a page reload, an encoder connecting): a new ffmpeg generation. */
  async beginStream(publisher: Publisher): Promise<void> {
    if (this.ended) throw new AppError("GONE", "This talk has ended");
    await this.segmenter.stopForNewStream();
    this.session.begin(publisher);
    this.emit("publisher", true);
  }

  resumeStream(publisher: BrowserPublisher) {
    this.session.resume(publisher);
    this.emit("publisher", true);
  }

  detachPublisher(connection: PublisherConnection) {
    const wasConnected = this.session.connected;
    this.session.detach(connection);
    if (wasConnected && !this.session.connected) this.emit("publisher", false);
  }

  /** Feeds one chunk of the browser's recording. Duplicates (resent after a reconnect) are skipped. */
  writeChunk(seq: number, chunk: Buffer): void {
    if (this.ended) throw new AppError("GONE", "This talk has ended");
    const bytes = this.session.acceptChunk(seq, chunk);
    if (!bytes) return;
    if (!this.segmenter.running) this.segmenter.start({ input: "matroska", copyVideo: this.session.browserSendsH264() });
    this.segmenter.write(bytes);
  }

  /** Feeds FLV bytes from the RTMP ingest (which knows the codec from the RTMP metadata). */
  writeFlv(bytes: Buffer, options: { h264: boolean }): void {
    if (this.ended || this.session.input !== "flv") return;
    if (!this.segmenter.running) this.segmenter.start({ input: "flv", copyVideo: options.h264 });
    this.session.acceptFlv(bytes);
    this.segmenter.write(bytes);
  }

  /** Ends the recording: last segment flushed, ENDLIST appended, talk ENDED. */
  async end(): Promise<{ durationMs: number }> {
    if (this.ended) return { durationMs: this.writer.durationMs };
    this.ended = true;
    // The talk is over from the press of "End talk": a page loaded while the last segment is
    // flushed (seconds) must not say Live. The recording is finished below.
    const talkEnded = await setTalkStatus({ talkId: this.talkId, status: "ENDED" }).then(
      () => true,
      (error: unknown) => {
        console.error(`media ingest ${this.talkId}: talk not marked ended yet:`, error instanceof Error ? error.message : error);
        return false;
      },
    );
    await this.segmenter.retire();
    await this.queue.enqueue(() => this.writer.finish());
    const durationMs = this.writer.durationMs;
    await finishLiveRecording({ recordingId: this.recordingId, talkId: this.talkId, conferenceId: this.conferenceId, durationMs, talkEnded });
    this.emit("ended");
    return { durationMs };
  }

  /** A test stream is thrown away: ffmpeg stopped, nothing finished or published (the caller removes its media and row). */
  async discard(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.segmenter.retire();
    await this.queue.idle();
    this.emit("ended");
  }

  /** The encoder went away (OBS stopped): flush the segment in progress; the talk stays live. */
  async endStream(): Promise<void> {
    await this.segmenter.stop();
  }

  /** Process shutdown: stop ffmpeg but keep the talk live, so the speaker can resume after a restart. */
  async suspend(): Promise<void> {
    await this.segmenter.retire();
  }

  private async publishSegment(segment: TimedSegment) {
    const listed = await this.writer.addSegment(segment);
    if (!listed) return;
    if (listed.main && !this.live) {
      this.live = true;
      await markRecordingLive({ recordingId: this.recordingId, talkId: this.talkId, startedAt: listed.startedAt });
    }
    this.emit("segment", { rendition: listed.rendition, sequence: listed.sequence, durationMs: listed.durationMs, listedAt: Date.now() });
  }
}
