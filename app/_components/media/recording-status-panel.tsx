"use client";
import { UploadStatus } from "./upload-status";
import { useTalkMedia } from "./use-talk-media";

/**
 * The talk's video for organizers (talk editor): a pre-recorded upload's state (processing %,
 * ready, late, failed with the reason), updated live as the recording changes.
 */
export function RecordingStatusPanel({
  talkId,
  realtimeUrl,
  initialStatus,
}: {
  talkId: string;
  realtimeUrl: string;
  initialStatus: "SCHEDULED" | "LIVE" | "ENDED";
}) {
  const { media, error } = useTalkMedia({ talkId, realtimeUrl, initialStatus });
  if (error) return <p className="text-sm text-zinc-500">{error}</p>;
  if (!media) return <p className="text-sm text-zinc-500">Loading…</p>;
  if (media.source === "UPLOAD") return <UploadStatus media={media} />;
  if (media.source) return <p className="text-sm">Streamed live ({media.source === "RTMP" ? "OBS" : "browser studio"}).</p>;
  return <p className="text-sm text-zinc-500">No video yet: speakers go live or upload a pre-recorded talk on the talk page.</p>;
}
