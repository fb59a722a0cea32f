import type { TalkMedia } from "@/lib/media/schemas";
import { Badge } from "../ui/badge";
import { TalkTime } from "../schedule/time-zone";
import { formatTime } from "./format-time";

/** "15 s", "3 min 05 s", "1:02:05": how late an upload is for its slot. */
function lateText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return seconds < 3600 ? `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s` : formatTime(seconds);
}

/**
 * Where a pre-recorded talk's video stands, for its speakers (studio) and organizers (talk editor):
 * processing with its progress, ready (and whether it premiered late), or failed with the reason.
 * Updates come with `recording:changed` through useTalkMedia.
 */
export function UploadStatus({ media }: { media: TalkMedia | null }) {
  if (!media || media.source !== "UPLOAD" || !media.recordingStatus) return null;
  const late = media.lateByMs !== null ? lateText(media.lateByMs) : null;
  if (media.recordingStatus === "PROCESSING") {
    return (
      <div role="status" aria-label="Video processing" className="space-y-1 text-sm">
        <p className="flex items-center gap-2">
          <Badge tone="brand">Processing</Badge>
          <span>Preparing the video for streaming: {media.progress}%</span>
        </p>
        <progress value={media.progress} max={100} className="w-full" aria-label="Processing progress" />
        {late ? (
          <p className="text-amber-700 dark:text-amber-300">
            The scheduled start passed {late} ago: the premiere starts as soon as processing finishes, that far in (attendees can scrub back to the
            beginning).
          </p>
        ) : null}
      </div>
    );
  }
  if (media.recordingStatus === "FAILED") {
    return (
      <div
        role="alert"
        aria-label="Video processing failed"
        className="space-y-1 rounded-xl bg-red-50 p-2 text-sm text-red-800 dark:bg-red-500/15 dark:text-red-200"
      >
        <p className="font-medium">Processing failed: attendees cannot watch this video.</p>
        <p>{media.error ?? "The video could not be processed."}</p>
      </div>
    );
  }
  return (
    <div role="status" aria-label="Video ready" className="space-y-1 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone="success">Video attached</Badge>
        <span>
          {formatTime(media.durationMs / 1000)} long
          {media.premiereAt ? (
            <>
              , premieres <TalkTime start={media.premiereAt} showDay />
            </>
          ) : null}
          .
        </span>
      </p>
      {late ? (
        <p className="text-amber-700 dark:text-amber-300">
          Ready {late} after the scheduled start: attendees joined the premiere {late} in (they can scrub back to the beginning).
        </p>
      ) : null}
      <p className="text-xs text-zinc-500">Uploading another video replaces this one.</p>
    </div>
  );
}
