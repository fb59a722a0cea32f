import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertCan } from "@/lib/permissions/get-viewer";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { UPLOAD_TYPES } from "@/lib/media/schemas";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { cancelUploadTranscode, startUploadTranscode, uploadSourceDir, uploadSourcePath } from "./upload-transcodes";

function maxBytes(): number {
  return env.MEDIA_UPLOAD_MAX_MB * 1024 * 1024;
}

/** The file's own signature, whatever the browser claimed: ISO BMFF (MP4/MOV) or EBML (WebM/MKV). */
function looksLikeVideo(head: Buffer): boolean {
  if (head.length >= 4 && head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return true;
  const box = head.subarray(4, 8).toString("latin1");
  return ["ftyp", "moov", "mdat", "wide", "free", "skip"].includes(box);
}

/**
 * A pre-recorded talk: stores the upload (type and size checked), then transcodes it to HLS in the
 * background (progress on the recording). It premieres at the talk's scheduled start.
 */
export async function uploadRecording(options: {
  talkId: string;
  userId: string | null;
  contentType: string | undefined;
  contentLength: number | undefined;
  body: Readable;
}): Promise<{ recordingId: string }> {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, "talk:broadcast", talk);
  const extension = UPLOAD_TYPES[options.contentType ?? ""];
  if (!extension) throw new AppError("UNSUPPORTED_MEDIA", "Upload an MP4, WebM, MOV or MKV video");
  const limit = maxBytes();
  if (options.contentLength !== undefined && options.contentLength > limit) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Videos can be up to ${Math.round(limit / 1024 / 1024)} MB`);
  }
  if (talk.status !== "SCHEDULED") throw new AppError("CONFLICT", "This talk has already started: uploads are for talks that have not");
  const existing = await prisma.recording.findUnique({ where: { talkId: talk.id } });
  if (existing?.isTest) throw new AppError("CONFLICT", "Your private test stream is still on: discard it before uploading a recording");
  if (existing && existing.source !== "UPLOAD") throw new AppError("CONFLICT", "This talk already has a live recording");

  // Received beside the media, then named after its recording: a restart resumes from it.
  await fsp.mkdir(uploadSourceDir(), { recursive: true });
  const incoming = path.join(uploadSourceDir(), `incoming-${crypto.randomUUID()}.${extension}`);
  const file = incoming;
  let received = 0;
  let head = Buffer.alloc(0);
  const out = fs.createWriteStream(file);
  try {
    for await (const chunk of options.body) {
      const bytes = chunk as Buffer;
      received += bytes.length;
      if (received > limit) throw new AppError("PAYLOAD_TOO_LARGE", `Videos can be up to ${Math.round(limit / 1024 / 1024)} MB`);
      if (head.length < 16) {
        head = Buffer.concat([head, bytes]).subarray(0, 16);
        if (head.length >= 8 && !looksLikeVideo(head)) throw new AppError("UNSUPPORTED_MEDIA", "This file is not a video we can read");
      }
      if (!out.write(bytes)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (received === 0) throw new AppError("INVALID_INPUT", "The upload is empty");
  } catch (error) {
    out.destroy();
    await fsp.rm(file, { force: true });
    options.body.resume(); // drain the rest so the client gets the answer
    throw error;
  }

  if (existing) {
    // The replaced upload may still be transcoding: stop it before its folder and row go.
    await cancelUploadTranscode({ talkId: talk.id });
    await getMediaStorage().removePrefix(existing.storagePrefix);
    await prisma.recording.deleteMany({ where: { id: existing.id } });
  }
  const recording = await prisma.recording.create({
    data: {
      talkId: talk.id,
      source: "UPLOAD",
      status: "PROCESSING",
      storagePrefix: `talks/${talk.id}/${crypto.randomBytes(8).toString("hex")}`,
    },
  });
  const source = uploadSourcePath(recording.id, extension);
  await fsp.rename(incoming, source);
  await publishDomainEvent({ type: "recording:changed", talkId: talk.id, conferenceId: talk.conferenceId, at: new Date().toISOString() });
  // In the background: the upload request is answered now, progress follows on the recording.
  startUploadTranscode({ talkId: talk.id, recordingId: recording.id, file: source });
  return { recordingId: recording.id };
}
