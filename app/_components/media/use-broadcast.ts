"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RealtimeSocket } from "../realtime/use-realtime";
import { request } from "../realtime/request";
import { BROWSER_CHUNK_MS } from "@/lib/media/schemas";

export type BroadcastPhase = "idle" | "starting" | "live" | "ending" | "ended" | "error";

export type BroadcastStats = {
  chunksSent: number;
  chunksAcked: number;
  pending: number;
  bitrateKbps: number;
  reconnects: number;
  segments: number;
  restarts: number;
  transcoding: boolean | null;
  lastSegmentAt: number | null;
};

/** The recording formats to try, best first: H.264 lets the server copy the video instead of encoding it. */
const MIME_TYPES = ["video/webm;codecs=h264,opus", "video/webm;codecs=vp8,opus", "video/webm;codecs=vp9,opus", "video/webm"];

export function pickMimeType(): string | null {
  if (typeof MediaRecorder === "undefined") return null;
  return MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

type Chunk = { seq: number; data: Blob };

/**
 * Records a MediaStream with MediaRecorder in ~1 s slices and streams them to the realtime server.
 * Chunks are kept until acknowledged; when the socket comes back, the same stream is re-announced
 * (same streamId) and unacknowledged chunks are sent again (the server skips duplicates).
 */
export function useBroadcast(options: { socket: RealtimeSocket | null; talkId: string }) {
  const { socket, talkId } = options;
  const [phase, setPhase] = useState<BroadcastPhase>("idle");
  const [error, setError] = useState<string | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [stats, setStats] = useState<BroadcastStats>({
    chunksSent: 0,
    chunksAcked: 0,
    pending: 0,
    bitrateKbps: 0,
    reconnects: 0,
    segments: 0,
    restarts: 0,
    transcoding: null,
    lastSegmentAt: null,
  });
  const recorderRef = useRef<MediaRecorder | null>(null);
  const streamIdRef = useRef<string | null>(null);
  const pendingRef = useRef<Map<number, Chunk>>(new Map());
  const seqRef = useRef(0);
  const ackedBytesRef = useRef<{ at: number; bytes: number }[]>([]);
  const publishedRef = useRef(false);
  // "test": a private test stream (only speakers and organizers see it); "live": the real thing.
  const modeRef = useRef<"live" | "test">("live");
  const [mode, setMode] = useState<"live" | "test">("live");

  const bump = useCallback((patch: Partial<BroadcastStats> | ((s: BroadcastStats) => Partial<BroadcastStats>)) => {
    setStats((s) => ({ ...s, ...(typeof patch === "function" ? patch(s) : patch) }));
  }, []);

  const chainRef = useRef<Promise<void>>(Promise.resolve());

  // Chunks must reach the server in order (it skips a sequence number it has passed): reading the
  // Blob and emitting happen one after the other; the acks are awaited in parallel.
  const sendChunk = useCallback(
    (chunk: Chunk) => {
      chainRef.current = chainRef.current.then(async () => {
        if (!socket || !socket.connected || !publishedRef.current) return;
        const data = await chunk.data.arrayBuffer();
        bump((s) => ({ chunksSent: s.chunksSent + 1 }));
        void request(socket, "media:chunk", { talkId, seq: chunk.seq, data }, { timeoutMs: 15_000 }).then((ack) => {
          if ("noAnswer" in ack) return; // timed out: stays pending, resent after a reconnect
          if (ack.ok) {
            pendingRef.current.delete(chunk.seq);
            const now = Date.now();
            ackedBytesRef.current = [...ackedBytesRef.current.filter((e) => now - e.at < 5000), { at: now, bytes: data.byteLength }];
            const bytes = ackedBytesRef.current.reduce((sum, e) => sum + e.bytes, 0);
            bump((s) => ({ chunksAcked: s.chunksAcked + 1, pending: pendingRef.current.size, bitrateKbps: Math.round((bytes * 8) / 5 / 1000) }));
          } else {
            setError(ack.error.message);
            if (ack.error.code === "UNSUPPORTED_MEDIA" || ack.error.code === "GONE") stopRecorder();
          }
        });
      });
      return chainRef.current;
    },
    [socket, talkId, bump],
  );

  /** Announces the stream: "resumed" (this server has it), "new" (it starts here, from a header), or false (refused). */
  const announce = useCallback(async (): Promise<"resumed" | "new" | false> => {
    if (!socket || !streamIdRef.current) return false;
    const ack = await request(
      socket,
      "media:publish",
      { talkId, streamId: streamIdRef.current, mode: modeRef.current },
      {
        timeoutMs: 15_000,
        noAnswer: "The server did not answer. Check your connection.",
      },
    );
    if (!ack.ok) {
      setError(ack.error.message);
      return false;
    }
    publishedRef.current = true;
    return ack.resumed ? "resumed" : "new";
  }, [socket, talkId]);

  // Reconnects: announce the same stream again, then resend what was not acknowledged, in order.
  useEffect(() => {
    if (!socket) return;
    const onConnect = async () => {
      if (!streamIdRef.current || !recorderRef.current) return;
      publishedRef.current = false;
      bump((s) => ({ reconnects: s.reconnects + 1 }));
      const announced = await announce();
      if (announced === "resumed") {
        setError(null);
        const chunks = [...pendingRef.current.values()].sort((a, b) => a.seq - b.seq);
        for (const chunk of chunks) void sendChunk(chunk);
      } else if (announced === "new") {
        // Another server took over (this one was replaced, or the talk moved): it never saw this
        // recording's header, so a new recording starts here; the talk continues after a short gap.
        setError(null);
        restartRecorderRef.current?.();
      }
    };
    const onDisconnect = () => {
      publishedRef.current = false;
    };
    const onHealth = (health: { talkId: string; segments: number; restarts: number; transcoding: boolean | null; listedAt: number }) => {
      if (health.talkId !== talkId) return;
      bump({ segments: health.segments, restarts: health.restarts, transcoding: health.transcoding, lastSegmentAt: health.listedAt });
      setPhase((p) => (p === "starting" ? "live" : p));
    };
    const onIngestError = (event: { talkId: string; message: string }) => {
      if (event.talkId !== talkId) return;
      setError(event.message);
      setPhase("error");
      stopRecorder();
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("media:health", onHealth);
    socket.on("media:ingest-error", onIngestError);
    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("media:health", onHealth);
      socket.off("media:ingest-error", onIngestError);
    };
  }, [socket, talkId, announce, sendChunk, bump]);

  function stopRecorder() {
    const recorder = recorderRef.current;
    if (recorder && recorder.state !== "inactive") recorder.stop();
  }

  /** A MediaRecorder on `stream` whose chunks, numbered from 0, go to the server. */
  const startRecorder = useCallback(
    (stream: MediaStream, mimeType: string) => {
      seqRef.current = 0;
      pendingRef.current.clear();
      const recorder = new MediaRecorder(stream, {
        mimeType,
        videoBitsPerSecond: 2_500_000,
        audioBitsPerSecond: 128_000,
        // Chromium: a keyframe every second, so the server can cut 1 s segments without re-encoding.
        videoKeyFrameIntervalDuration: 1000,
      } as MediaRecorderOptions);
      recorder.ondataavailable = (event) => {
        if (!event.data || event.data.size === 0) return;
        const chunk = { seq: seqRef.current++, data: event.data };
        pendingRef.current.set(chunk.seq, chunk);
        bump({ pending: pendingRef.current.size });
        void sendChunk(chunk);
      };
      recorder.onerror = () => {
        setError("Recording stopped unexpectedly.");
        setPhase("error");
      };
      recorderRef.current = recorder;
      recorder.start(BROWSER_CHUNK_MS); // small slices: a segment reaches the server soon after its last frame
    },
    [sendChunk, bump],
  );

  // The same camera, a new recording (header first): what a server that never saw this stream needs.
  const restartRecorderRef = useRef<(() => void) | null>(null);
  restartRecorderRef.current = () => {
    const old = recorderRef.current;
    if (!old) return;
    old.ondataavailable = null;
    if (old.state !== "inactive") old.stop();
    startRecorder(old.stream, old.mimeType);
  };

  const goLive = useCallback(
    async (stream: MediaStream, nextMode: "live" | "test" = "live") => {
      const mimeType = pickMimeType();
      if (!mimeType) {
        setError("This browser cannot record video (MediaRecorder is missing).");
        setPhase("error");
        return;
      }
      setError(null);
      setPhase("starting");
      modeRef.current = nextMode;
      setMode(nextMode);
      bump({ segments: 0, chunksSent: 0, chunksAcked: 0, pending: 0 });
      streamIdRef.current = crypto.randomUUID();
      seqRef.current = 0;
      pendingRef.current.clear();
      if (!(await announce())) {
        setPhase("error");
        return;
      }
      startRecorder(stream, mimeType);
      setStartedAt(Date.now());
    },
    [announce, startRecorder, bump],
  );

  const endTalk = useCallback(async () => {
    if (!socket) return;
    setPhase("ending");
    const recorder = recorderRef.current;
    if (recorder && recorder.state !== "inactive") {
      // The last slice arrives in ondataavailable before onstop; wait for it to be sent.
      await new Promise<void>((resolve) => {
        recorder.addEventListener("stop", () => resolve(), { once: true });
        recorder.stop();
      });
      const deadline = Date.now() + 5000;
      while (pendingRef.current.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    }
    recorderRef.current = null;
    const ack = await request(socket, "media:end", { talkId }, { timeoutMs: 20_000, noAnswer: "The server did not answer. Try again." });
    if (ack.ok) {
      setPhase("ended");
      streamIdRef.current = null;
    } else {
      setError(ack.error.message);
      setPhase("error");
    }
  }, [socket, talkId]);

  /** Stops a private test stream and throws it away on the server: back to "off air", nothing kept. */
  const discardTest = useCallback(async (): Promise<boolean> => {
    if (!socket) return false;
    setPhase("ending");
    const recorder = recorderRef.current;
    recorderRef.current = null;
    publishedRef.current = false;
    if (recorder) {
      // The test's last slice is not wanted anywhere.
      recorder.ondataavailable = null;
      if (recorder.state !== "inactive") recorder.stop();
    }
    pendingRef.current.clear();
    streamIdRef.current = null;
    const ack = await request(socket, "media:discard-test", { talkId }, { timeoutMs: 20_000, noAnswer: "The server did not answer. Try again." });
    if (!ack.ok) {
      setError(ack.error.message);
      setPhase("error");
      return false;
    }
    setError(null);
    setPhase("idle");
    modeRef.current = "live";
    setMode("live");
    return true;
  }, [socket, talkId]);

  useEffect(() => () => stopRecorder(), []);

  return { phase, mode, error, startedAt, stats, goLive, endTalk, discardTest, setError };
}
