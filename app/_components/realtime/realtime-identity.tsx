"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { syncRealtimeIdentity } from "./use-realtime";

const CHANNEL = "plenary-session";

/**
 * Keeps the tab's realtime socket on the signed-in account. The layout renders it with the account
 * of this request; when that changes (sign-in, sign-out, another account), the socket reconnects
 * with the new cookie, and the other tabs of the browser — which share the cookie but not the page
 * — are told to refresh, so their pages and sockets follow too.
 */
export function RealtimeIdentity({ userId }: { userId: string | null }) {
  const router = useRouter();

  useEffect(() => {
    syncRealtimeIdentity(userId);
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage({ userId });
    channel.onmessage = (event: MessageEvent<{ userId: string | null }>) => {
      if (event.data?.userId === userId) return;
      // Another tab signed in or out: this tab's cookie is already the new one.
      syncRealtimeIdentity(event.data?.userId ?? null);
      router.refresh();
    };
    return () => channel.close();
  }, [userId, router]);

  return null;
}
