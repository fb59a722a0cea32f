"use client";
import { useEffect, useState } from "react";
import { useRealtime } from "../realtime/use-realtime";
import { request } from "../realtime/request";

/** "N watching" for a schedule card, live; it follows the count without counting as a watcher. */
export function WatchingCount({ talkId, realtimeUrl, className = "" }: { talkId: string; realtimeUrl: string; className?: string }) {
  const { socket } = useRealtime(realtimeUrl);
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    if (!socket) return;
    const subscribe = async () => {
      const ack = await request(socket, "presence:subscribe", { talkId });
      if (ack.ok) setCount(ack.count);
    };
    const onCount = (p: { talkId: string; count: number }) => p.talkId === talkId && setCount(p.count);
    if (socket.connected) void subscribe();
    socket.on("connect", subscribe);
    socket.on("presence:count", onCount);
    socket.on("presence:update", onCount);
    return () => {
      socket.off("connect", subscribe);
      socket.off("presence:count", onCount);
      socket.off("presence:update", onCount);
      socket.emit("presence:unsubscribe", { talkId }, () => {});
    };
  }, [socket, talkId]);

  if (count === null) return null;
  return (
    <span className={`inline-flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400 ${className}`} aria-live="polite">
      <span className="h-1.5 w-1.5 rounded-full bg-emerald-500" aria-hidden="true" />
      {count} watching
    </span>
  );
}
export default WatchingCount;
