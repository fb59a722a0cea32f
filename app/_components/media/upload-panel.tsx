"use client";
import { useId, useState } from "react";
import type { TalkMedia } from "@/lib/media/schemas";
import { Button } from "../ui/button";
import { UploadStatus } from "./upload-status";

const ACCEPT = "video/mp4,video/webm,video/quicktime,video/x-matroska";

/**
 * Pre-recorded talk: the file goes to the realtime server, which transcodes it to HLS in the
 * background; the talk then premieres at its scheduled start.
 */
export function UploadPanel({
  talkId,
  realtimeUrl,
  media,
  onUploaded,
}: {
  talkId: string;
  realtimeUrl: string;
  media: TalkMedia | null;
  onUploaded?: () => void;
}) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const upload = () => {
    if (!file) return;
    setMessage(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    // text/plain keeps this a "simple" cross-origin request (no preflight); the real type goes in
    // the query and the server checks the file's signature anyway.
    xhr.open("POST", `${realtimeUrl}/media/talks/${encodeURIComponent(talkId)}/upload?type=${encodeURIComponent(file.type)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("content-type", "text/plain");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      setProgress(null);
      if (xhr.status >= 200 && xhr.status < 300) {
        // What happens next (processing %, ready, failed) is the recording's own state, shown above.
        setMessage(null);
        onUploaded?.();
      } else {
        try {
          setMessage((JSON.parse(xhr.responseText) as { error: { message: string } }).error.message);
        } catch {
          setMessage(`Upload failed (${xhr.status})`);
        }
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setMessage("Upload failed: network error");
    };
    xhr.send(file);
  };

  const attached = media?.source === "UPLOAD" && media.recordingStatus !== "FAILED";
  return (
    <section aria-label="Upload a recording" className="space-y-2">
      <h3 className="font-medium">Upload a pre-recorded talk</h3>
      <p className="text-xs text-zinc-500">
        MP4, WebM, MOV or MKV. It premieres at the scheduled start: everyone watches together and can scrub back.
      </p>
      <UploadStatus media={media} />
      <label htmlFor={inputId} className="sr-only">
        Video file
      </label>
      <input
        id={inputId}
        type="file"
        accept={ACCEPT}
        onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        className="block w-full text-sm"
      />
      <Button type="button" size="sm" variant="secondary" disabled={!file || progress !== null} onClick={upload}>
        {progress !== null ? `Uploading… ${progress}%` : attached ? "Replace video" : "Upload video"}
      </Button>
      {progress !== null ? <progress value={progress} max={100} className="w-full" aria-label="Upload progress" /> : null}
      <p aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400">
        {message}
      </p>
    </section>
  );
}
