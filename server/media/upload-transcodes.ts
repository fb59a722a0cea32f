import fsp from "node:fs/promises";
import { transcodeUpload } from "./transcode-upload";

// The upload transcodes running in this process, one per talk: a new upload of the same talk
// cancels the one it replaces before its recording is removed. (On another node, or when the
// web app deletes the talk, the transcode notices its recording is gone and stops by itself.)
const running = new Map<string, { recordingId: string; controller: AbortController; done: Promise<void> }>();

/** Transcodes an uploaded file in the background; the upload file is removed when it is done. */
export function startUploadTranscode(options: { talkId: string; recordingId: string; file: string }): void {
  const controller = new AbortController();
  const done = transcodeUpload({ recordingId: options.recordingId, file: options.file, signal: controller.signal })
    .catch((error) => console.error(`upload transcode ${options.recordingId}:`, error))
    .finally(async () => {
      if (running.get(options.talkId)?.recordingId === options.recordingId) running.delete(options.talkId);
      await fsp.rm(options.file, { force: true }).catch(() => {});
    });
  running.set(options.talkId, { recordingId: options.recordingId, controller, done });
}

/** Stops the talk's running transcode (ffmpeg killed, its output removed) and waits for it. */
export async function cancelUploadTranscode(options: { talkId: string }): Promise<void> {
  const current = running.get(options.talkId);
  if (!current) return;
  current.controller.abort();
  await current.done;
}

/** Shutdown: every transcode stops; a PROCESSING recording is picked up again by a new upload. */
export async function cancelAllUploadTranscodes(): Promise<void> {
  await Promise.all([...running.keys()].map((talkId) => cancelUploadTranscode({ talkId })));
}
