"use client";
import type { ChapterView } from "@/lib/chapters/schemas";
import type { CaptionTrackView } from "@/lib/captions/schemas";

// What the talk page knows beyond the video itself: chapter marks and captions tracks.
export type PlayerExtras = { chapters: ChapterView[]; captions: CaptionTrackView[] };

/** The chapter playing at `seconds`: the last one starting at or before it. */
export function chapterAt(chapters: ChapterView[], seconds: number): ChapterView | null {
  let current: ChapterView | null = null;
  for (const chapter of chapters) if (chapter.offsetSeconds <= seconds) current = chapter;
  return current;
}

/** Ticks on the seek bar where chapters start (decorative: the chapter list is the accessible way in). */
export function ChapterMarks({ chapters, edge }: { chapters: ChapterView[]; edge: number }) {
  if (!chapters.length || edge <= 0) return null;
  return (
    <div aria-hidden="true" className="pointer-events-none absolute inset-x-0 top-1/2 h-3 -translate-y-1/2">
      {chapters
        .filter((c) => c.offsetSeconds > 0 && c.offsetSeconds < edge)
        .map((c) => (
          <span
            key={c.id}
            data-testid="chapter-mark"
            title={c.title}
            className="absolute top-0 h-3 w-1 -translate-x-1/2 rounded-sm bg-white/90 shadow"
            style={{ left: `${(c.offsetSeconds / edge) * 100}%` }}
          />
        ))}
    </div>
  );
}

// The player's controls cover the bottom of the video; cues placed by the browser ("auto") would
// sit under them. Such cues end at this height instead (percent from the top).
const CUE_BOTTOM_PERCENT = 72;

function liftCues(track: TextTrack) {
  for (const cue of Array.from(track.cues ?? [])) {
    if (!(cue instanceof VTTCue) || cue.line !== "auto") continue;
    cue.snapToLines = false;
    cue.line = CUE_BOTTOM_PERCENT;
    cue.lineAlign = "end";
  }
}

/** Shows the chosen captions track and hides the others (`null`: captions off). */
export function showCaptions(video: HTMLVideoElement, language: string | null) {
  for (const track of Array.from(video.textTracks)) {
    if (track.kind !== "subtitles" && track.kind !== "captions") continue;
    track.mode = language !== null && track.language === language ? "showing" : "disabled";
    // The cues load once the track is shown: lift them then (and now, if they are loaded already).
    track.oncuechange = () => liftCues(track);
    liftCues(track);
  }
}

/** The CC control: a toggle for one track, a menu for several. */
export function CaptionsControl({
  tracks,
  language,
  onChange,
}: {
  tracks: CaptionTrackView[];
  language: string | null;
  onChange: (language: string | null) => void;
}) {
  if (!tracks.length) return null;
  if (tracks.length === 1) {
    const only = tracks[0]!;
    return (
      <button
        type="button"
        aria-pressed={language !== null}
        aria-label={`Captions (${only.label})`}
        title={`Captions: ${only.label} (c)`}
        onClick={() => onChange(language === null ? only.language : null)}
        className="rounded-lg px-2 py-1 text-xs font-bold tracking-wide ring-1 ring-white/40 hover:bg-white/15 aria-pressed:bg-white aria-pressed:text-zinc-900"
      >
        CC
      </button>
    );
  }
  return (
    <label className="flex items-center gap-1">
      <span className="text-xs font-bold" aria-hidden="true">
        CC
      </span>
      <span className="sr-only">Captions</span>
      <select value={language ?? ""} onChange={(e) => onChange(e.currentTarget.value || null)} className="rounded-lg bg-black/40 px-1 py-1 text-sm">
        <option value="">Off</option>
        {tracks.map((t) => (
          <option key={t.id} value={t.language}>
            {t.label}
          </option>
        ))}
      </select>
    </label>
  );
}
