import net from "node:net";
import { createRequire } from "node:module";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { isGoLiveWindowOpen } from "@/lib/media/go-live-window";
import { openLiveIngest } from "./ingest-registry";
import type { LiveIngest } from "./live-ingest";

// node-media-server (maintained RTMP ingest) parses RTMP; we use its session and broadcast
// classes under our own TCP listener so the stream key is checked BEFORE the publish is answered
// ("NetStream.Publish.Start") and before any media packet is let through.
const require = createRequire(import.meta.url);
const RtmpSession = require("node-media-server/src/session/rtmp_session.js");
const Rtmp = require("node-media-server/src/protocol/rtmp.js");
const Context = require("node-media-server/src/core/context.js");
const logger = require("node-media-server/src/core/logger.js");
logger.level = env.PLENARY_RTMP_DEBUG ? "debug" : "error";
Context.config = { ...Context.config, rtmp: {} };

type NmsSession = {
  id: string;
  ip: string;
  socket: net.Socket;
  streamApp: string;
  streamName: string;
  streamPath: string;
  broadcast: { postPublish: (s: unknown) => string | null; postPlay: (s: unknown) => string | null; donePlay: (s: unknown) => void };
  rtmp: { respondPublish: () => void; sendStatusMessage: (sid: number, level: string, code: string, text: string) => void; streamId: number };
  onPush: () => void; // replaced: our key check, then node-media-server's postPublish
  onPacket: (packet: unknown) => void;
  run: () => void;
};

export type RtmpListener = { port: number; close: () => Promise<void> };

/** First bytes of the first FLV video tag tell the codec: AVC (7) or enhanced-RTMP "avc1". */
function videoCodecOf(tag: Buffer): "h264" | "other" | null {
  if (tag.length < 12 || tag[0] !== 9) return null;
  const first = tag[11]!;
  if (first & 0x80) return tag.subarray(12, 16).toString("latin1") === "avc1" ? "h264" : "other";
  return (first & 0x0f) === 7 ? "h264" : "other";
}

/**
 * Who may publish with this stream key: the talk it belongs to, if that talk can go live. Before
 * the slot's window an encoder streams privately (a test the studio previews and can discard); an
 * open stream keeps its kind.
 */
async function authorizeStreamKey(options: { app: string; streamKey: string }): Promise<LiveIngest> {
  if (options.app !== "live" || !options.streamKey) throw new AppError("FORBIDDEN", "Unknown stream key");
  const talk = await prisma.talk.findUnique({
    where: { streamKey: options.streamKey },
    select: { id: true, status: true, startsAt: true, recording: { select: { status: true, isTest: true } } },
  });
  if (!talk) throw new AppError("FORBIDDEN", "Unknown stream key");
  if (talk.status === "ENDED") throw new AppError("CONFLICT", "This talk has ended");
  const open = talk.recording?.status === "LIVE" ? talk.recording.isTest : undefined;
  const isTest = open ?? (talk.status === "SCHEDULED" && !isGoLiveWindowOpen(talk));
  const ingest = await openLiveIngest({ talkId: talk.id, source: "RTMP", isTest });
  if (ingest.isPublisherConnected) throw new AppError("CONFLICT", "Someone is already publishing this talk");
  return ingest;
}

export async function startRtmpListener(options: { port: number; host?: string }): Promise<RtmpListener> {
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    const session: NmsSession = new RtmpSession(socket);
    const forward = session.onPacket;
    let authorized = false;
    let ingest: LiveIngest | null = null;
    let subscriber: { id: string; ip: string; protocol: string; streamPath: string; sendBuffer: (b: Buffer) => void } | null = null;

    // Nothing reaches the broadcast before the key is checked (clients send media only after
    // the publish answer anyway).
    session.onPacket = (packet) => {
      if (authorized) forward(packet);
    };
    // Hold the publish answer until the key is checked.
    session.rtmp.respondPublish = () => {};

    const subscribe = () => {
      if (!ingest) return;
      const target = ingest;
      let h264: boolean | null = null;
      const waiting: Buffer[] = [];
      subscriber = {
        id: `plenary-${session.id}-${Date.now()}`,
        ip: "", // internal subscriber: not counted as a player by node-media-server
        protocol: "flv",
        streamPath: session.streamPath,
        sendBuffer: (buffer: Buffer) => {
          if (h264 === null) {
            waiting.push(Buffer.from(buffer));
            const codec = videoCodecOf(buffer);
            if (!codec) return;
            h264 = codec === "h264";
            for (const b of waiting.splice(0)) target.writeFlv(b, { h264 });
            return;
          }
          target.writeFlv(buffer, { h264 });
        },
      };
      session.broadcast.postPlay(subscriber);
    };

    const refuse = (message: string) => {
      session.rtmp.sendStatusMessage(session.rtmp.streamId, "error", "NetStream.Publish.BadName", message);
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
      if (Context.broadcasts.get(session.streamPath)?.publisher == null) Context.broadcasts.delete(session.streamPath);
    };

    session.onPush = () => {
      socket.pause();
      void authorizeStreamKey({ app: session.streamApp, streamKey: session.streamName })
        .then(async (found) => {
          if (socket.destroyed) return;
          const error = session.broadcast.postPublish(session);
          if (error) throw new AppError("CONFLICT", "This stream key is already publishing");
          ingest = found;
          await ingest.beginStream({ kind: "encoder", sessionId: session.id });
          (session as unknown as { isPublisher: boolean }).isPublisher = true;
          authorized = true;
          Rtmp.prototype.respondPublish.call(session.rtmp);
          subscribe();
          ingest.on("restart", onRestart);
          ingest.once("stream-key-rotated", onRevoked);
          ingest.once("ended", onRevoked);
          ingest.once("released", onRevoked);
          socket.resume();
        })
        .catch((error: unknown) => {
          refuse(error instanceof AppError ? error.message : "Publishing failed");
          if (!(error instanceof AppError)) console.error("rtmp publish failed", error);
        });
    };

    // ffmpeg restarted: a new subscriber gets FLV header + codec headers + the last GOP again.
    const onRestart = () => {
      if (subscriber) session.broadcast.donePlay(subscriber);
      subscribe();
    };
    const onRevoked = () => socket.destroy();

    socket.on("close", () => {
      if (!ingest || !authorized) return;
      ingest.off("restart", onRestart);
      ingest.off("stream-key-rotated", onRevoked);
      ingest.off("ended", onRevoked);
      ingest.off("released", onRevoked);
      if (subscriber) session.broadcast.donePlay(subscriber);
      ingest.detachPublisher({ kind: "encoder", sessionId: session.id });
      // The encoder stopped: close the segment in progress; the talk stays live until "End talk".
      if (!ingest.isEnded) void ingest.endStream();
    });

    session.run();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
