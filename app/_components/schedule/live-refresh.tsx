"use client";
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import type { TalkStatus } from "@/lib/talks/events";
import { useRealtime } from "../realtime/use-realtime";
import { request } from "../realtime/request";

/**
 * Keeps a server-rendered page current: when a talk goes live/ends or the schedule changes,
 * re-render it (router.refresh keeps client state such as scroll and the zone toggle).
 * A talk page also passes the status it was rendered with: a change between the render and this
 * socket joining (no event reaches it then, e.g. "End talk" just as the page loaded) is caught
 * by comparing it with the status the join answers.
 */
export function LiveRefresh({
  conferenceId,
  realtimeUrl,
  talkId,
  talkStatus,
}: {
  conferenceId: string;
  realtimeUrl: string;
  talkId?: string;
  talkStatus?: TalkStatus;
}) {
  const router = useRouter();
  const { socket } = useRealtime(realtimeUrl);
  const renderedStatus = useRef(talkStatus);
  useEffect(() => {
    renderedStatus.current = talkStatus;
  }, [talkStatus]);
  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = (event?: { talkId?: string }) => {
      // A talk page only cares about its own talk; schedule-wide pages about every talk.
      if (talkId && event?.talkId && event.talkId !== talkId) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), 150);
    };
    const join = () =>
      void request(socket, "conference:join", talkId ? { conferenceId, talkId } : { conferenceId }).then((ack) => {
        if ("noAnswer" in ack || !ack.ok || !ack.talk || !renderedStatus.current) return;
        if (ack.talk.status !== renderedStatus.current) refresh();
      });
    join();
    socket.on("connect", join);
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
