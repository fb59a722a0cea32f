"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useRealtime } from "../realtime/use-realtime";

/**
 * Keeps a server-rendered page current: when a talk goes live/ends or the schedule changes,
 * re-render it (router.refresh keeps client state such as scroll and the zone toggle).
 */
export function LiveRefresh({ conferenceId, realtimeUrl, talkId }: { conferenceId: string; realtimeUrl: string; talkId?: string }) {
  const router = useRouter();
  const { socket } = useRealtime(realtimeUrl);
  useEffect(() => {
    if (!socket) return;
    const join = () => socket.emit("conference:join", { conferenceId }, () => {});
    join();
    socket.on("connect", join);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = (event?: { talkId?: string }) => {
      // A talk page only cares about its own talk; schedule-wide pages about every talk.
      if (talkId && event?.talkId && event.talkId !== talkId) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), 150);
    };
    socket.on("talk:status", refresh);
    socket.on("schedule:changed", refresh);
    return () => {
      socket.off("connect", join);
      socket.off("talk:status", refresh);
      socket.off("schedule:changed", refresh);
      if (timer) clearTimeout(timer);
    };
  }, [socket, conferenceId, talkId, router]);
  return null;
}
