import { prisma, type Prisma } from "@/lib/db/client";
import { parseMediaPlaylist, renderMasterPlaylist, renderMediaPlaylist, type PlaylistSegment } from "@/lib/media/hls-playlist";
import { chooseRenditions, renditionInfo, type RenditionSpec } from "@/lib/media/renditions";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { announcePlaylistWrite } from "../playlist-updates";
import type { TimedSegment } from "./segmenter-supervisor";
import type { SerialQueue } from "./serial-queue";

type RenditionState = { spec: RenditionSpec; segments: PlaylistSegment[]; totalMs: number };

export type ListedSegment = { rendition: string; sequence: number; durationMs: number; startedAt: Date; main: boolean };

type ResumedRecording = {
  id: string;
  storagePrefix: string;
  startedAt: Date | null;
  segments: { sequence: number; uri: string; durationMs: number; startedAt: Date; discontinuity: boolean }[];
};

const pad = (n: number) => String(n).padStart(6, "0");

/**
 * Publishes a live recording's segments: each one moved into storage, its EVENT playlist rewritten
 * atomically, then its RecordingSegment row written (the media timeline, main rendition only).
 */
export class RecordingWriter {
  private renditions: RenditionState[] = [];
  private unsavedTimeline: Prisma.RecordingSegmentCreateManyInput[] = [];
  /** Durations corrected after their row was written (sequence -> ms), saved with the next rows. */
  private unsavedDurations = new Map<number, number>();

  private constructor(
    private readonly recordingId: string,
    private readonly prefix: string,
    private readonly queue: SerialQueue,
  ) {}

  /** After a restart the main rendition comes back from the rows, lower ones from their playlists: every playlist continues where it stopped. */
  static async resume(options: { recording: ResumedRecording; queue: SerialQueue }): Promise<RecordingWriter> {
    const { recording } = options;
    const writer = new RecordingWriter(recording.id, recording.storagePrefix, options.queue);
    if (recording.segments.length === 0) return writer;
    const [mainSpec, ...lowerSpecs] = chooseRenditions({ copyVideo: true, lowRendition: true });
    writer.renditions = [
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
      writer.renditions.push({ spec, segments, totalMs: segments.reduce((sum, s) => sum + s.durationMs, 0) });
    }
    return writer;
  }

  get segmentCount(): number {
    return this.renditions[0]?.segments.length ?? 0;
  }

  get durationMs(): number {
    return this.renditions[0]?.totalMs ?? 0;
  }

  /**
   * The renditions of the next ffmpeg. The recording's first stream chooses them (and the master
   * playlist lists them); later streams keep them, with their own codec.
   */
  renditionsFor(copyVideo: boolean): RenditionSpec[] {
    if (this.renditions.length === 0) {
      this.renditions = chooseRenditions({ copyVideo }).map((spec) => ({ spec, segments: [], totalMs: 0 }));
      void this.queue.enqueue(() => this.writeMaster());
    } else {
      const specs = chooseRenditions({ copyVideo, lowRendition: true });
      for (const state of this.renditions) state.spec = specs.find((s) => s.name === state.spec.name) ?? state.spec;
    }
    return this.renditions.map((r) => r.spec);
  }

  async addSegment(ready: TimedSegment): Promise<ListedSegment | null> {
    const state = this.renditions.find((r) => r.spec.name === ready.rendition);
    if (!state) return null;
    const storage = getMediaStorage();
    const last = state.segments[state.segments.length - 1];
    const sequence = last ? last.sequence + 1 : 0;
    const uri = `${pad(sequence)}.ts`;
    await storage.putFile(`${this.prefix}/${state.spec.name}/${uri}`, ready.file);
    // The segment before this one (same ffmpeg) ends where this one starts: its estimate is
    // replaced in the same playlist write that lists this one.
    if (last && ready.previousDurationMs !== undefined && !ready.firstOfGeneration) {
      state.totalMs += ready.previousDurationMs - last.durationMs;
      last.durationMs = ready.previousDurationMs;
      if (state === this.renditions[0]) this.correctTimeline(last.sequence, last.durationMs);
    }
    const segment: PlaylistSegment = {
      sequence,
      uri,
      durationMs: ready.durationMs,
      startedAt: ready.startedAt,
      discontinuity: ready.firstOfGeneration && state.segments.length > 0,
    };
    const offsetMs = state.totalMs;
    state.segments.push(segment);
    state.totalMs += segment.durationMs;
    const main = state === this.renditions[0];
    // Viewers first: the playlist does not wait for the database (the talk plays on while it is away).
    await this.writePlaylist(state, false);
    if (main) {
      // The media timeline (wall clock <-> position) for chat replay. Rows the database could not
      // take are kept and written with the next segment, so an outage leaves no hole.
      this.unsavedTimeline.push({
        recordingId: this.recordingId,
        sequence,
        uri,
        startedAt: segment.startedAt,
        offsetMs,
        durationMs: segment.durationMs,
        discontinuity: segment.discontinuity,
      });
      await this.saveTimeline();
    }
    return { rendition: state.spec.name, sequence, durationMs: segment.durationMs, startedAt: segment.startedAt, main };
  }

  private correctTimeline(sequence: number, durationMs: number) {
    const unsaved = this.unsavedTimeline.find((row) => row.sequence === sequence);
    if (unsaved) unsaved.durationMs = durationMs;
    else this.unsavedDurations.set(sequence, durationMs);
  }

  private async saveTimeline() {
    const rows = this.unsavedTimeline;
    const corrections = [...this.unsavedDurations];
    if (rows.length === 0 && corrections.length === 0) return;
    try {
      await prisma.$transaction([
        ...corrections.map(([sequence, durationMs]) =>
          prisma.recordingSegment.updateMany({ where: { recordingId: this.recordingId, sequence }, data: { durationMs } }),
        ),
        prisma.recordingSegment.createMany({ data: rows, skipDuplicates: true }),
      ]);
      this.unsavedTimeline = this.unsavedTimeline.slice(rows.length);
      for (const [sequence, durationMs] of corrections)
        if (this.unsavedDurations.get(sequence) === durationMs) this.unsavedDurations.delete(sequence);
    } catch (error) {
      if (rows.length === 1)
        console.error(`recording ${this.recordingId}: timeline row not saved yet, will retry:`, error instanceof Error ? error.message : error);
    }
  }

  /** #EXT-X-ENDLIST on every playlist: the same URLs are the replay from now on. */
  async finish(): Promise<void> {
    await this.saveTimeline();
    for (const state of this.renditions) await this.writePlaylist(state, true);
  }

  private async writePlaylist(state: RenditionState, ended: boolean) {
    const key = `${this.prefix}/${state.spec.name}/index.m3u8`;
    await getMediaStorage().putText(key, renderMediaPlaylist({ segments: state.segments, ended }));
    announcePlaylistWrite(key); // players waiting in a blocking reload get it now
  }

  private async writeMaster() {
    await getMediaStorage().putText(`${this.prefix}/master.m3u8`, renderMasterPlaylist(this.renditions.map((r) => renditionInfo(r.spec))));
  }
}
