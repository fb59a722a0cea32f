import type { mediaClientEvents } from "@/lib/media/events";
import { getTalkMedia } from "@/lib/media/get-talk-media";
import { getStreamKey } from "@/lib/media/get-stream-key";
import type { EventHandlers } from "../socket/dispatch";
import type { PlenaryServer, PlenarySocket } from "../socket/types";
import type { FeatureModule } from "../feature-module";
import { allowLargeFrames } from "../socket/frame-limits";
import { MAX_CHUNK_BYTES } from "@/lib/media/schemas";
import { mediaAuthRoute, serveMediaRoute } from "./media-routes";
import { uploadRoute } from "./upload-route";
import { startRtmpIngest, type RtmpIngest } from "./rtmp-ingest";
import { startPremiereClock } from "./premiere-clock";
import { startAutoEndClock } from "./auto-end-clock";
import { startPublishing } from "./start-publishing";
import { pushMediaChunk } from "./push-media-chunk";
import { endTalk, finishTalk } from "./end-talk";
import { discardTestStream } from "./discard-test-stream";
import { rotateStreamKey } from "./rotate-stream-key";
import { findIngest, listIngests, onIngestOpened, releaseIdleIngest, suspendAllIngests } from "./ingest/ingest-registry";
import { closeIngestLeases } from "./ingest/ingest-leases";
import { cancelAllUploadTranscodes, resumeUploadTranscodes } from "./upload-transcodes";
import { readRealtimeGaugesFrom } from "@/lib/metrics/realtime-metrics";
import type { LiveIngest } from "./ingest/live-ingest";

// Events to the publishing socket: health after each segment, and a clear error when the server
// cannot read the stream.
function routeIngestEvents(io: PlenaryServer, ingest: LiveIngest) {
  ingest.on("segment", (event: { rendition: string; listedAt: number }) => {
    const publisher = ingest.publisher;
    if (event.rendition !== "v0" || publisher?.kind !== "browser") return;
    io.to(publisher.socketId).emit("media:health", { ...ingest.health(), listedAt: event.listedAt });
  });
  ingest.on("failed", (message: string) => {
    const publisher = ingest.publisher;
    if (publisher?.kind === "browser") io.to(publisher.socketId).emit("media:ingest-error", { talkId: ingest.talkId, message });
  });
  // This node let go of the talk while its publisher was still here (the lease went elsewhere).
  ingest.on("released", (message: string | undefined) => {
    const publisher = ingest.publisher;
    if (message && publisher?.kind === "browser" && ingest.isPublisherConnected)
      io.to(publisher.socketId).emit("media:ingest-error", { talkId: ingest.talkId, message });
  });
}

const userIdOf = (socket: PlenarySocket) => socket.data.user?.id ?? null;

/** Browser publishing, the player's view of a talk's media, and the OBS stream key. */
const mediaEvents = {
  "media:publish": async (input, socket) => {
    const started = await startPublishing({
      talkId: input.talkId,
      streamId: input.streamId,
      mode: input.mode,
      userId: userIdOf(socket),
      socketId: socket.id,
    });
    // The publisher's chunks are far bigger than any other packet (room for the event around them).
    allowLargeFrames(socket, MAX_CHUNK_BYTES + 64 * 1024);
    return started;
  },
  "media:chunk": (input, socket) => pushMediaChunk({ ...input, socketId: socket.id }),
  "media:end": (input, socket) => endTalk({ talkId: input.talkId, userId: userIdOf(socket) }),
  "media:discard-test": (input, socket) => discardTestStream({ talkId: input.talkId, userId: userIdOf(socket) }),
  "media:watch": async (input, socket) => ({ media: await getTalkMedia({ talkId: input.talkId, userId: userIdOf(socket) }) }),
  "media:stream-key": (input, socket) => getStreamKey({ talkId: input.talkId, userId: userIdOf(socket) }),
  "media:stream-key:rotate": (input, socket) => rotateStreamKey({ talkId: input.talkId, userId: userIdOf(socket) }),
} satisfies EventHandlers<keyof typeof mediaClientEvents>;

/** Media: browser publishing over socket.io, RTMP ingest, uploads, and /media/* for players. */
export function mediaModule(options: { rtmpPort?: number } = {}): FeatureModule {
  let rtmp: RtmpIngest | null = null;
  let stopClock: (() => void) | null = null;
  let stopAutoEnd: (() => void) | null = null;
  let stopListening: (() => void) | null = null;
  return {
    name: "media",
    setup: async ({ io, routes }) => {
      routes.push(serveMediaRoute, mediaAuthRoute, uploadRoute);
      readRealtimeGaugesFrom({ liveIngests: () => listIngests().length });
      stopListening = onIngestOpened((ingest) => routeIngestEvents(io, ingest));
      rtmp = await startRtmpIngest({ port: options.rtmpPort });
      stopClock = startPremiereClock();
      // Uploads a restart interrupted start again (their transcodes run in the background).
      await resumeUploadTranscodes().catch((error: unknown) => console.error("could not resume interrupted upload transcodes:", error));
      stopAutoEnd = startAutoEndClock();
      return { events: mediaEvents };
    },
    onDisconnect: (socket) => {
      for (const ingest of listIngests()) ingest.detachPublisher({ kind: "browser", socketId: socket.id });
    },
    // Live talks stay live: each ingest ends its segment and lets go, and its publisher (studio or
    // OBS) reconnects to another node, which continues the timeline after a discontinuity.
    drain: async () => {
      await rtmp?.close();
      rtmp = null;
      await suspendAllIngests();
    },
    onDomainEvent: (event) => {
      if (event.type === "ingest:release-requested") void releaseIdleIngest(event.talkId);
      // Only the node that ingests the talk answers (the one asking waits for the recording to finish).
      if (event.type === "ingest:finish-requested" && findIngest(event.talkId))
        void finishTalk({ talkId: event.talkId, status: "LIVE" }).catch((error: unknown) => console.error(`end talk ${event.talkId}:`, error));
    },
    close: async () => {
      stopClock?.();
      stopAutoEnd?.();
      stopListening?.();
      await rtmp?.close();
      await suspendAllIngests();
      await closeIngestLeases();
      await cancelAllUploadTranscodes();
    },
  };
}
