import crypto from "node:crypto";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getMediaStorage } from "./storage/get-media-storage";

export type LiveSource = "BROWSER" | "RTMP";

/**
 * The recording a live talk is written into: its LIVE one (resumed after a server restart) or a
 * new one; a FAILED attempt is cleared first. A talk with a finished recording cannot go live again.
 * `isTest`: a private test stream (see Recording.isTest).
 */
export async function openLiveRecording(options: { talkId: string; source: LiveSource; isTest?: boolean }) {
  const isTest = options.isTest;
  let recording = await prisma.recording.findUnique({ where: { talkId: options.talkId } });
  if (recording && recording.status === "FAILED") {
    await getMediaStorage().removePrefix(recording.storagePrefix);
    await prisma.recording.delete({ where: { id: recording.id } });
    recording = null;
  }
  if (recording && recording.status !== "LIVE") {
    throw new AppError("CONFLICT", recording.source === "UPLOAD" ? "This talk plays a pre-recorded video" : "This talk already has a recording");
  }
  if (recording && isTest !== undefined && recording.isTest !== isTest) throw testMismatch(recording.isTest);
  if (recording) return recording;
  try {
    return await prisma.recording.create({
      data: {
        talkId: options.talkId,
        source: options.source,
        status: "LIVE",
        isTest: isTest ?? false,
        storagePrefix: `talks/${options.talkId}/${crypto.randomBytes(8).toString("hex")}`,
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "Someone else is already going live on this talk");
    throw error;
  }
}

/** A private test and the public broadcast never share a recording. */
export function testMismatch(openIsTest: boolean): AppError {
  return new AppError(
    "CONFLICT",
    openIsTest ? "Your private test stream is still on: discard it before going live" : "This talk is live: test streams are for before it starts",
  );
}
