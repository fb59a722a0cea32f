"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChapterView } from "@/lib/chapters/schemas";
import type { CaptionTrackView } from "@/lib/captions/schemas";
import type { TalkChaptersEvent } from "@/lib/chapters/events";
import type { RealtimeSocket } from "../realtime/use-realtime";

type Extras = {
  chapters: ChapterView[];
  captions: CaptionTrackView[];
  canEditChapters: boolean;
  canUploadCaptions: boolean;
};

const EMPTY: Extras = { chapters: [], captions: [], canEditChapters: false, canUploadCaptions: false };

/**
 * A talk's chapters and captions tracks, with what the viewer may change. Loaded with the page, again
 * when the talk's status changes (a replay gets what was added during the talk) and after the
 * socket reconnects (pushes missed meanwhile); editors reload after each change. Chapters anyone
 * marks arrive as they are saved: the realtime server pushes the list to the talk's room
 * (`talk:chapters`, which the socket joined in useTalkMedia).
 */
export function usePlayerExtras(options: { talkId: string; status: string; enabled: boolean; socket: RealtimeSocket | null; connected: boolean }) {
  const { talkId, status, enabled, socket, connected } = options;
  const [extras, setExtras] = useState<Extras>(EMPTY);

  const reload = useCallback(async () => {
    const [chapters, captions] = await Promise.all([
      fetch(`/api/talks/${encodeURIComponent(talkId)}/chapters`, { cache: "no-store" }),
      fetch(`/api/talks/${encodeURIComponent(talkId)}/captions`, { cache: "no-store" }),
    ]);
    if (!chapters.ok || !captions.ok) return; // not allowed to watch: the player is not shown either
    const c = (await chapters.json()) as { chapters: ChapterView[]; canEdit: boolean };
    const t = (await captions.json()) as { tracks: CaptionTrackView[]; canUpload: boolean };
    setExtras({ chapters: c.chapters, captions: t.tracks, canEditChapters: c.canEdit, canUploadCaptions: t.canUpload });
  }, [talkId]);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void reload().catch(() => {
      if (!cancelled) setExtras(EMPTY);
    });
    return () => {
      cancelled = true;
    };
  }, [enabled, reload, status]);

  // Pushes sent while the socket was away are lost: look again after a reconnect (not on the first
  // connect, which follows the page's own load).
  const connectedBefore = useRef(false);
  useEffect(() => {
    if (!connected) return;
    if (connectedBefore.current && enabled) void reload().catch(() => {});
    connectedBefore.current = true;
  }, [connected, enabled, reload]);

  useEffect(() => {
    if (!enabled || !socket) return;
    const onChapters = (event: TalkChaptersEvent) => {
      if (event.talkId === talkId) setExtras((current) => ({ ...current, chapters: event.chapters }));
    };
    socket.on("talk:chapters", onChapters);
    return () => {
      socket.off("talk:chapters", onChapters);
    };
  }, [enabled, socket, talkId]);

  return { ...extras, reload };
}

/** Reads an API error answer's message, or says what failed. */
export async function errorMessageOf(response: Response, fallback: string): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? fallback;
  } catch {
    return fallback;
  }
}
