"use client";
import { useEffect, useState } from "react";
import type { AnnouncementView } from "@/lib/chat/schemas";
import { useRealtime } from "../realtime/use-realtime";
import { request } from "./use-chat-room";

/** The organizers' banner, pushed live to every open page of the conference. Put it in the layout. */
export function AnnouncementBanner({ conferenceId, realtimeUrl }: { conferenceId: string; realtimeUrl: string }) {
  const { socket } = useRealtime(realtimeUrl);
  const [announcement, setAnnouncement] = useState<AnnouncementView | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    const load = async () => {
      socket.emit("conference:join", { conferenceId }, () => {});
      const ack = await request<{ announcement: AnnouncementView | null }>(socket, "announcement:current", { conferenceId });
      if (ack.ok) setAnnouncement(ack.announcement);
    };
    const onAnnouncement = (a: AnnouncementView | { conferenceId: string; cleared: true }) => {
      if (a.conferenceId !== conferenceId) return;
      setAnnouncement("cleared" in a ? null : a);
    };
    if (socket.connected) void load();
    socket.on("connect", load);
    socket.on("announcement", onAnnouncement);
    return () => {
      socket.off("connect", load);
      socket.off("announcement", onAnnouncement);
    };
  }, [socket, conferenceId]);

  // Expiry happens on the client clock too, so a banner does not outstay its time.
  useEffect(() => {
    if (!announcement?.expiresAt) return;
    const ms = Date.parse(announcement.expiresAt) - Date.now();
    const t = setTimeout(() => setAnnouncement(null), Math.max(0, ms));
    return () => clearTimeout(t);
  }, [announcement]);

  if (!announcement || dismissed === announcement.id) return null;
  return (
    <div role="status" aria-live="polite" aria-label="Announcement" className="flex items-start gap-3 bg-brand-600 px-4 py-2 text-sm text-white">
      <span aria-hidden="true">📣</span>
      <p className="flex-1 whitespace-pre-wrap break-words">{announcement.body}</p>
      <button
        type="button"
        onClick={() => setDismissed(announcement.id)}
        className="rounded-md px-1 text-white/80 hover:bg-white/10 hover:text-white"
        aria-label="Dismiss announcement"
      >
        ✕
      </button>
    </div>
  );
}
export default AnnouncementBanner;
