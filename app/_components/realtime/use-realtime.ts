"use client";
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: RealtimeSocket | null = null;

/**
 * One socket per browser tab to the realtime server, authenticated by the session cookie
 * (withCredentials). `url` comes from the server-rendered page (env REALTIME_PUBLIC_URL).
 */
export function getRealtimeSocket(url: string): RealtimeSocket {
  if (!shared) {
    shared = io(url, { withCredentials: true, transports: ["websocket", "polling"] });
  }
  return shared;
}

export function useRealtime(url: string): { socket: RealtimeSocket | null; connected: boolean } {
  const [socket, setSocket] = useState<RealtimeSocket | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const s = getRealtimeSocket(url);
    setSocket(s);
    setConnected(s.connected);
    const on = () => setConnected(true);
    const off = () => setConnected(false);
    s.on("connect", on);
    s.on("disconnect", off);
    return () => {
      s.off("connect", on);
      s.off("disconnect", off);
    };
  }, [url]);
  return { socket, connected };
}
