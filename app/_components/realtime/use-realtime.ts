"use client";
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: RealtimeSocket | null = null;
// The account the shared socket was opened as (null: signed out; undefined: not known yet).
let openedAs: string | null | undefined;

/**
 * One socket per browser tab to the realtime server, authenticated by the session cookie
 * (withCredentials). `url` comes from the server-rendered page (env REALTIME_PUBLIC_URL).
 */
export function getRealtimeSocket(url: string): RealtimeSocket {
  if (!shared) {
    const socket: RealtimeSocket = io(url, { withCredentials: true, transports: ["websocket", "polling"] });
    // The server drops a socket whose session ended (signed out here or in another tab) or whose
    // rights shrank; come back with whatever cookie the browser holds now, and the panels rejoin
    // with what that identity may do.
    socket.on("disconnect", (reason) => {
      if (reason === "io server disconnect") setTimeout(() => socket.connect(), 300 + Math.random() * 700);
    });
    shared = socket;
  }
  return shared;
}

/**
 * The page says who is signed in now (after a sign-in, sign-out or account switch, in this tab or
 * another): a socket opened as someone else reconnects, so it speaks for the current account.
 */
export function syncRealtimeIdentity(userId: string | null): void {
  if (openedAs === undefined || !shared) {
    openedAs = userId;
    return;
  }
  if (openedAs === userId) return;
  openedAs = userId;
  shared.disconnect().connect();
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
