import { clientEvent } from "@/lib/realtime/contract";
import { MediaChunkInput, StartPublishingInput, TalkMediaInput, type TalkMedia } from "./schemas";

/** The publisher's view of its ingest, after each listed segment. */
export type MediaHealth = {
  talkId: string;
  segments: number;
  durationMs: number;
  restarts: number;
  chunks: number;
  bytes: number;
  transcoding: boolean | null;
  ffmpegPid: number | null;
  listedAt: number;
};

// rtmpUrl is null when RTMP is off (RTMP_PORT=0 and no RTMP_PUBLIC_URL).
export type StreamKeyView = { streamKey: string; rtmpUrl: string | null };

export const mediaClientEvents = {
  "media:publish": clientEvent(StartPublishingInput).acks<{ recordingId: string; resumed: boolean }>(),
  // The browser sends the chunk as binary (ArrayBuffer); the server receives a Buffer.
  "media:chunk": clientEvent(MediaChunkInput)
    .sentAs<{ talkId: string; seq: number; data: ArrayBuffer | Uint8Array }>()
    .acks<{ seq: number; segments: number }>(),
  "media:end": clientEvent(TalkMediaInput).acks<{ durationMs: number }>(),
  // Throws a private test stream away (its media too); the talk stays scheduled.
  "media:discard-test": clientEvent(TalkMediaInput).acks<{ discarded: true }>(),
  "media:watch": clientEvent(TalkMediaInput).acks<{ media: TalkMedia }>(),
  "media:stream-key": clientEvent(TalkMediaInput).acks<StreamKeyView>(),
  "media:stream-key:rotate": clientEvent(TalkMediaInput).acks<StreamKeyView>(),
};

export type MediaServerEvents = {
  "media:health": (health: MediaHealth) => void;
  /** The server cannot read the stream (wrong format...). */
  "media:ingest-error": (error: { talkId: string; message: string }) => void;
};
