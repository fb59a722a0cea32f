import { openLiveRecording, testMismatch, type LiveSource } from "@/lib/media/open-live-recording";
import { LiveIngest } from "./live-ingest";

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

/** The ingest of a talk: the open one, or one opened on the talk's live recording (see openLiveRecording). */
export async function openLiveIngest(options: { talkId: string; source: LiveSource; isTest?: boolean }): Promise<LiveIngest> {
  const existing = findIngest(options.talkId) ?? (await opening.get(options.talkId));
  if (existing) {
    if (options.isTest !== undefined && existing.isTest !== options.isTest) throw testMismatch(existing.isTest);
    return existing;
  }
  const promise = (async () => {
    const recording = await openLiveRecording({ talkId: options.talkId, source: options.source, isTest: options.isTest });
    const ingest = await LiveIngest.open({ recordingId: recording.id });
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
