import { z } from "zod";

const talkId = z.string().min(1).max(64);

// Each MediaRecorder stream gets a random id: a reconnect with the same id continues the stream.
// "test": a private test stream before the slot (only speakers and organizers see it; it can be
// discarded). "live": public, from TALK_GO_LIVE_WINDOW_MINUTES before the slot (organizers: any time).
export const PublishMode = z.enum(["live", "test"]);
export type PublishMode = z.infer<typeof PublishMode>;
export const StartPublishingInput = z.object({ talkId, streamId: z.string().min(8).max(64), mode: PublishMode.default("live") }).strict();
export type StartPublishingInput = z.infer<typeof StartPublishingInput>;

export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
/** The browser studio's MediaRecorder timeslice: what it sends lags the camera by about this much. */
export const BROWSER_CHUNK_MS = 250;

export const MediaChunkInput = z
  .object({
    talkId,
    seq: z.number().int().min(0),
    data: z.custom<Buffer>((value) => Buffer.isBuffer(value) && value.length > 0 && value.length <= MAX_CHUNK_BYTES, {
      message: `data must be binary, 1 byte to ${MAX_CHUNK_BYTES / 1024 / 1024} MB`,
    }),
  })
  .strict();
export type MediaChunkInput = z.infer<typeof MediaChunkInput>;

/**
 * A blocking playlist reload (HLS, RFC 8216bis 6.2.5.2): `_HLS_msn` asks for the playlist once it
 * lists that media sequence number. `_HLS_part` needs `_HLS_msn`; there are no partial segments,
 * so it asks for nothing more.
 */
export const BlockingReloadQuery = z
  .object({
    _HLS_msn: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
    _HLS_part: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .refine((q) => q._HLS_part === undefined || q._HLS_msn !== undefined, { message: "_HLS_part needs _HLS_msn" });
export type BlockingReloadQuery = z.infer<typeof BlockingReloadQuery>;

export const TalkMediaInput = z.object({ talkId }).strict();
export type TalkMediaInput = z.infer<typeof TalkMediaInput>;

/** What the player needs to know about a talk's video. */
export type TalkMedia = {
  talkId: string;
  status: "SCHEDULED" | "LIVE" | "ENDED";
  /** Path on the realtime server (prefix with its public URL). Null until something is playable. */
  playlistPath: string | null;
  source: "BROWSER" | "RTMP" | "UPLOAD" | null;
  recordingStatus: "PROCESSING" | "READY" | "LIVE" | "ENDED" | "FAILED" | null;
  /** Upload transcode progress 0-100. */
  progress: number;
  durationMs: number;
  startedAt: string | null;
  /** A pre-recorded talk premieres at its scheduled start. */
  premiereAt: string | null;
  /** Why an upload failed to process, for the speaker and organizers. */
  error: string | null;
  /** When an upload finished processing. */
  readyAt: string | null;
  /** An upload late for its slot: how long after the scheduled start it was ready (or, still processing, how long the start has passed). */
  lateByMs: number | null;
  /** A private test stream (only the talk's speakers and organizers are told of it). */
  isTest: boolean;
};

export const UPLOAD_TYPES: Record<string, string> = {
  "video/mp4": "mp4",
  "video/webm": "webm",
  "video/quicktime": "mov",
  "video/x-matroska": "mkv",
};
