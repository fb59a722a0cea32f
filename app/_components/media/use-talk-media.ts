"use client";
import { useCallback, useEffect, useState } from "react";
import type { TalkMedia } from "@/lib/media/schemas";
import type { TalkStatusEvent } from "@/lib/realtime/events";
import { useRealtime, type RealtimeSocket } from "../realtime/use-realtime";

/**
 * The talk's media state from the realtime server (media:watch), refreshed whenever the talk's
 * status or recording changes, so the page follows scheduled -> live -> ended without a reload.
 */
export function useTalkMedia(options: { talkId: string; realtimeUrl: string; initialStatus: TalkMedia["status"] }) {
  const { socket, connected } = useRealtime(options.realtimeUrl);
  const [media, setMedia] = useState<TalkMedia | null>(null);
  const [status, setStatus] = useState<TalkMedia["status"]>(options.initialStatus);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(
    async (s: RealtimeSocket | null = socket) => {
      if (!s) return;
      const ack = await s
        .timeout(10_000)
        .emitWithAck("media:watch", { talkId: options.talkId })
        .catch(() => null);
      if (!ack) return;
      if (ack.ok) {
        setMedia(ack.media);
        setStatus(ack.media.status);
        setError(null);
      } else setError(ack.error.message);
    },
    [socket, options.talkId],
  );

  useEffect(() => {
    if (!socket || !connected) return;
    void socket
      .timeout(10_000)
      .emitWithAck("talk:join", { talkId: options.talkId })
      .catch(() => {});
    void refresh(socket);
    const onStatus = (event: TalkStatusEvent) => {
      if (event.talkId !== options.talkId) return;
      setStatus(event.status);
      void refresh(socket);
    };
    const onRecording = (event: { talkId: string }) => {
      if (event.talkId === options.talkId) void refresh(socket);
    };
    socket.on("talk:status", onStatus);
    socket.on("recording:changed", onRecording);
    return () => {
      socket.off("talk:status", onStatus);
      socket.off("recording:changed", onRecording);
    };
  }, [socket, connected, options.talkId, refresh]);

  return { socket, connected, media, status, error, refresh };
}
