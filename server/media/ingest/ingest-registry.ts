import crypto from "node:crypto";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getMediaStorage } from "@/lib/media/storage/get-media-storage";
import { LiveIngest, type IngestSource } from "./live-ingest";

// The live ingests of this realtime process, by talk. A talk is ingested by one node at a time:
// the node its publisher is connected to.
const ingests = new Map<string, LiveIngest>();
const opening = new Map<string, Promise<LiveIngest>>();
const listeners = new Set<(ingest: LiveIngest) => void>();

export function findIngest(talkId: string): LiveIngest | undefined {
  const ingest = ingests.get(talkId);
  return ingest && !ingest.isEnded ? ingest : undefined;
}

export function listIngests(): LiveIngest[] {
  return [...ingests.values()].filter((i) => !i.isEnded);
}

/** Lets the realtime server hear about every ingest it opens (to route its events to sockets). */
export function onIngestOpened(listener: (ingest: LiveIngest) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The ingest of a talk: the open one, or the live recording resumed from the DB (after a server
 * restart), or a new recording. A talk with a finished recording cannot go live again.
 */
export async function openLiveIngest(options: { talkId: string; source: IngestSource }): Promise<LiveIngest> {
  const existing = findIngest(options.talkId);
  if (existing) return existing;
  const pending = opening.get(options.talkId);
  if (pending) return pending;
  const promise = (async () => {
    let recording = await prisma.recording.findUnique({ where: { talkId: options.talkId } });
    if (recording && recording.status === "FAILED") {
      await getMediaStorage().removePrefix(recording.storagePrefix);
      await prisma.recording.delete({ where: { id: recording.id } });
      recording = null;
    }
    if (recording && recording.status !== "LIVE") {
      throw new AppError("CONFLICT", recording.source === "UPLOAD" ? "This talk plays a pre-recorded video" : "This talk already has a recording");
    }
    if (!recording) {
      try {
        recording = await prisma.recording.create({
          data: {
            talkId: options.talkId,
            source: options.source,
            status: "LIVE",
            storagePrefix: `talks/${options.talkId}/${crypto.randomBytes(8).toString("hex")}`,
          },
        });
      } catch (error) {
        if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "Someone else is already going live on this talk");
        throw error;
      }
    }
    const ingest = await LiveIngest.open({ recordingId: recording.id, source: options.source });
    ingests.set(options.talkId, ingest);
    ingest.once("ended", () => {
      if (ingests.get(options.talkId) === ingest) ingests.delete(options.talkId);
    });
    for (const listener of listeners) listener(ingest);
    return ingest;
  })();
  opening.set(options.talkId, promise);
  try {
    return await promise;
  } finally {
    opening.delete(options.talkId);
  }
}

/** Process shutdown: stop every ffmpeg; live talks stay live and resume when their speaker returns. */
export async function suspendAllIngests(): Promise<void> {
  const all = [...ingests.values()];
  ingests.clear();
  await Promise.all(all.map((i) => i.suspend().catch(() => {})));
}
