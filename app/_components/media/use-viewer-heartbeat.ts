"use client";
import { useEffect, useRef, type RefObject } from "react";
import type { ViewingModeInput } from "@/lib/analytics/schemas";
import { getRealtimeSocket } from "../realtime/use-realtime";
import { request } from "../realtime/request";

// Every 30 s while the video plays, the player tells the realtime server it is being watched
// (organizer analytics count viewer-minutes from these). At least one lands in every minute
// watched; a pause, the end, a closed tab stop them.
export const HEARTBEAT_INTERVAL_MS = 30_000;

/** Reports watching `talkId` while `videoRef`'s video plays, as `mode` (live, premiere or replay). */
export function useViewerHeartbeat(options: {
  realtimeUrl: string;
  talkId: string;
  videoRef: RefObject<HTMLVideoElement | null>;
  mode: ViewingModeInput;
}) {
  const { realtimeUrl, talkId, videoRef, mode } = options;
  const lastSentRef = useRef(0);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const socket = getRealtimeSocket(realtimeUrl);
    lastSentRef.current = 0; // a new talk or mode is reported at once
    const send = (force: boolean) => {
      if (video.paused || video.ended || !socket.connected) return;
      // Playing again after a pause or a seek does not send more than the server lets through.
      if (!force && Date.now() - lastSentRef.current < HEARTBEAT_INTERVAL_MS - 5_000) return;
      lastSentRef.current = Date.now();
      void request(socket, "viewing:heartbeat", { talkId, mode });
    };
    const onPlaying = () => send(false);
    const timer = setInterval(() => send(true), HEARTBEAT_INTERVAL_MS);
    video.addEventListener("playing", onPlaying);
    send(false);
    return () => {
      clearInterval(timer);
      video.removeEventListener("playing", onPlaying);
    };
  }, [realtimeUrl, talkId, videoRef, mode]);
}
