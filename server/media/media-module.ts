import type { Server } from "socket.io";
import { MediaChunkInput, StartPublishingInput, TalkMediaInput } from "@/lib/media/schemas";
import { getTalkMedia } from "@/lib/media/get-talk-media";
import { getStreamKey } from "@/lib/media/get-stream-key";
import { handle, type PlenarySocket } from "../socket/handle";
import type { FeatureModule } from "../modules";
import { serveMediaRoute } from "./media-routes";
import { uploadRoute } from "./upload-route";
import { startRtmpIngest, type RtmpIngest } from "./rtmp-ingest";
import { startPremiereClock } from "./premiere-clock";
import { startPublishing } from "./start-publishing";
import { pushMediaChunk } from "./push-media-chunk";
import { endTalk } from "./end-talk";
import { rotateStreamKey } from "./rotate-stream-key";
import { listIngests, onIngestOpened, suspendAllIngests } from "./ingest/ingest-registry";
import type { LiveIngest } from "./ingest/live-ingest";

// Events to the publishing socket: health after each segment, and a clear error when the server
// cannot read the stream.
function routeIngestEvents(io: Server, ingest: LiveIngest) {
  ingest.on("segment", (event: { rendition: string; listedAt: number }) => {
    const publisher = ingest.publisher;
    if (event.rendition !== "v0" || publisher?.kind !== "browser") return;
    io.to(publisher.socketId).emit("media:health", { ...ingest.health(), listedAt: event.listedAt });
  });
  ingest.on("failed", (message: string) => {
    const publisher = ingest.publisher;
    if (publisher?.kind === "browser") io.to(publisher.socketId).emit("media:ingest-error", { talkId: ingest.talkId, message });
  });
}

/** Media: browser publishing over socket.io, RTMP ingest, uploads, and /media/* for players. */
export function mediaModule(options: { rtmpPort?: number } = {}): FeatureModule {
  let rtmp: RtmpIngest | null = null;
  let stopClock: (() => void) | null = null;
  let stopListening: (() => void) | null = null;
  return {
    name: "media",
    setup: async ({ io, routes }) => {
      routes.push(serveMediaRoute, uploadRoute);
      stopListening = onIngestOpened((ingest) => routeIngestEvents(io, ingest));
      rtmp = await startRtmpIngest({ port: options.rtmpPort });
      stopClock = startPremiereClock();
    },
    onConnection: ({ socket }) => {
      const userId = (s: PlenarySocket) => s.data.user?.id ?? null;
      handle(socket, "media:publish", StartPublishingInput, (input, s) =>
        startPublishing({ talkId: input.talkId, streamId: input.streamId, userId: userId(s), socketId: s.id }),
      );
      handle(socket, "media:chunk", MediaChunkInput, (input, s) => pushMediaChunk({ ...input, socketId: s.id }));
      handle(socket, "media:end", TalkMediaInput, (input, s) => endTalk({ talkId: input.talkId, userId: userId(s) }));
      handle(socket, "media:watch", TalkMediaInput, async (input, s) => ({
        media: await getTalkMedia({ talkId: input.talkId, userId: userId(s) }),
      }));
      handle(socket, "media:stream-key", TalkMediaInput, (input, s) => getStreamKey({ talkId: input.talkId, userId: userId(s) }));
      handle(socket, "media:stream-key:rotate", TalkMediaInput, (input, s) => rotateStreamKey({ talkId: input.talkId, userId: userId(s) }));
      socket.on("disconnect", () => {
        for (const ingest of listIngests()) ingest.detachPublisher({ kind: "browser", socketId: socket.id });
      });
    },
    close: async () => {
      stopClock?.();
      stopListening?.();
      await rtmp?.close();
      await suspendAllIngests();
    },
  };
}
