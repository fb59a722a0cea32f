import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { transcodeUpload } from "./transcode-upload";
import { claimTranscode, closeTranscodeClaims, releaseTranscode } from "./transcode-claims";

// The upload transcodes running in this process, one per talk: a new upload of the same talk
// cancels the one it replaces before its recording is removed. (On another node, or when the
// web app deletes the talk, the transcode notices its recording is gone and stops by itself.)
const running = new Map<string, { recordingId: string; controller: AbortController; done: Promise<void> }>();
let shuttingDown = false;

/**
 * Where an uploaded file waits until its transcode is done: beside the media (shared by the nodes
 * when they share MEDIA_DIR, never served), named after its recording so a restarted node finds it.
 */
export function uploadSourceDir(): string {
  return path.resolve(env.MEDIA_DIR, "uploads");
}

export function uploadSourcePath(recordingId: string, extension: string): string {
  return path.join(uploadSourceDir(), `${recordingId}.${extension}`);
}

/**
 * Transcodes an uploaded file in the background (this node claims it first, see
 * transcode-claims.ts); the file is removed when it is done, and kept when the process is only
 * shutting down, so the transcode resumes after the restart (resumeUploadTranscodes).
 */
export function startUploadTranscode(options: { talkId: string; recordingId: string; file: string; claimed?: boolean }): void {
  const controller = new AbortController();
  let ran = false;
  const done = (options.claimed ? Promise.resolve(true) : claimTranscode(options.recordingId))
    .then(async (claimed) => {
      if (!claimed) return console.warn(`upload transcode ${options.recordingId} is already running on another node`);
      ran = true;
      await transcodeUpload({ recordingId: options.recordingId, file: options.file, signal: controller.signal });
    })
    .catch((error) => console.error(`upload transcode ${options.recordingId}:`, error))
    .finally(async () => {
      if (running.get(options.talkId)?.recordingId === options.recordingId) running.delete(options.talkId);
      if (!ran) return;
      await releaseTranscode(options.recordingId);
      if (!shuttingDown) await fsp.rm(options.file, { force: true }).catch(() => {});
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

/** Shutdown: every transcode stops; its recording stays PROCESSING and its upload is kept for the restart. */
export async function cancelAllUploadTranscodes(): Promise<void> {
  shuttingDown = true;
  try {
    await Promise.all([...running.keys()].map((talkId) => cancelUploadTranscode({ talkId })));
    await closeTranscodeClaims();
  } finally {
    shuttingDown = false;
  }
}

/**
 * At boot: uploads left PROCESSING by a restart (or a crashed node) start again from their kept
 * file. Each is claimed first, so of several nodes booting only one takes it, and one that
 * another live node is transcoding is left alone. An interrupted upload whose file is gone can
 * never finish: it fails with a reason the speaker can act on instead of processing forever.
 */
export async function resumeUploadTranscodes(): Promise<{ resumed: string[]; failed: string[] }> {
  const stuck = await prisma.recording.findMany({
    where: { source: "UPLOAD", status: "PROCESSING" },
    select: { id: true, talkId: true, talk: { select: { conferenceId: true } } },
  });
  const resumed: string[] = [];
  const failed: string[] = [];
  const files = await fsp.readdir(uploadSourceDir()).catch(() => [] as string[]);
  // Uploads a crash cut off while they were still arriving (a day old: surely not arriving any more).
  for (const name of files.filter((f) => f.startsWith("incoming-"))) {
    const file = path.join(uploadSourceDir(), name);
    const stat = await fsp.stat(file).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > 24 * 60 * 60 * 1000) await fsp.rm(file, { force: true }).catch(() => {});
  }
  if (stuck.length === 0) return { resumed, failed };
  for (const recording of stuck) {
    if (running.get(recording.talkId)?.recordingId === recording.id) continue;
    if (!(await claimTranscode(recording.id))) continue;
    const name = files.find((f) => f.startsWith(`${recording.id}.`));
    const file = name ? path.join(uploadSourceDir(), name) : null;
    if (file && fs.existsSync(file)) {
      console.log(`resuming the upload transcode of recording ${recording.id} after a restart`);
      startUploadTranscode({ talkId: recording.talkId, recordingId: recording.id, file, claimed: true });
      resumed.push(recording.id);
      continue;
    }
    await prisma.recording.updateMany({
      where: { id: recording.id, status: "PROCESSING" },
      data: { status: "FAILED", error: "The server restarted while processing this video and the upload was lost. Upload it again." },
    });
    await releaseTranscode(recording.id);
    await publishDomainEvent({
      type: "recording:changed",
      talkId: recording.talkId,
      conferenceId: recording.talk.conferenceId,
      at: new Date().toISOString(),
    });
    failed.push(recording.id);
  }
  return { resumed, failed };
}
