"use client";
import { useCallback, useEffect, useState } from "react";
import type { ChapterView } from "@/lib/chapters/schemas";
import type { CaptionTrackView } from "@/lib/captions/schemas";

type Extras = {
  chapters: ChapterView[];
  captions: CaptionTrackView[];
  canEditChapters: boolean;
  canUploadCaptions: boolean;
};

const EMPTY: Extras = { chapters: [], captions: [], canEditChapters: false, canUploadCaptions: false };

/**
 * A talk's chapters and captions tracks, with what the viewer may change. Loaded with the page and
 * again when the talk's status changes (a replay gets what was added during the talk); editors
 * reload after each change. Viewers do not poll: chapters marked live show on their next load.
 */
export function usePlayerExtras(options: { talkId: string; status: string; enabled: boolean }) {
  const { talkId, status, enabled } = options;
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
