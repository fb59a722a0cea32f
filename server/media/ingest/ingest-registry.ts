import { AppError } from "@/lib/errors/app-error";
import { openLiveRecording, testMismatch, type LiveSource } from "@/lib/media/open-live-recording";
import { recoverLiveTimeline } from "@/lib/media/recover-live-timeline";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { reconnectDelayMs } from "../../cluster/domain-events";
import { onIngestLeasesLost, releaseIngestLease, takeIngestLease } from "./ingest-leases";
import { LiveIngest } from "./live-ingest";

// The live ingests of this realtime process, by talk. In a cluster a talk is ingested by one node
// at a time: the one holding its lease (ingest-leases.ts), taken before the ingest opens and
// released once it has written its last segment.
const ingests = new Map<string, LiveIngest>();
const opening = new Map<string, Promise<LiveIngest>>();
// Ingests letting go of their talk (flushing the last segment): a new one waits for them.
const leaving = new Map<string, Promise<void>>();
const listeners = new Set<(ingest: LiveIngest) => void>();

/** How long an ingest whose publisher went away keeps its talk on this node (the publisher may come back: socket.io recovers connections for 2 minutes). */
let idleReleaseMs = 120_000;
/** How long a node asking for a talk waits for the holder to let go of an idle ingest. */
const HANDOVER_WAIT_MS = 3_000;

export const INGEST_ELSEWHERE_MESSAGE =
  "This talk is being published from another device or server. Stop it there first; if that device is gone, go live again in a minute.";

/** Tests: a shorter grace before an idle ingest lets go of its talk. */
export function configureIngestRegistry(options: { idleReleaseMs?: number }) {
  if (options.idleReleaseMs !== undefined) idleReleaseMs = options.idleReleaseMs;
}

export function isIngestElsewhere(error: unknown): boolean {
  return error instanceof AppError && (error.details as { ingestElsewhere?: boolean } | undefined)?.ingestElsewhere === true;
}

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

/** The talk's lease, asking its holder to let go when its publisher is gone (a speaker who moved to this node). */
async function takeLeaseOrThrow(talkId: string): Promise<void> {
  const deadline = Date.now() + HANDOVER_WAIT_MS;
  while (!(await takeIngestLease(talkId))) {
    if (Date.now() > deadline) throw new AppError("CONFLICT", INGEST_ELSEWHERE_MESSAGE, { ingestElsewhere: true });
    // Asked again each time: the holder may hear of its publisher's departure a moment later.
    await publishDomainEvent({ type: "ingest:release-requested", talkId }).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * The ingest of a talk: the open one, or one opened on the talk's live recording (see
 * openLiveRecording) once this node holds the talk's lease. Another node ingesting it: CONFLICT
 * (isIngestElsewhere).
 */
export async function openLiveIngest(options: { talkId: string; source: LiveSource; isTest?: boolean }): Promise<LiveIngest> {
  await leaving.get(options.talkId);
  const existing = findIngest(options.talkId) ?? (await opening.get(options.talkId));
  if (existing) {
    if (options.isTest !== undefined && existing.isTest !== options.isTest) throw testMismatch(existing.isTest);
    return existing;
  }
  const promise = (async () => {
    await takeLeaseOrThrow(options.talkId);
    let ingest: LiveIngest;
    try {
      // Opened after the lease: a node taking over reads the timeline its predecessor left.
      const recording = await openLiveRecording({ talkId: options.talkId, source: options.source, isTest: options.isTest });
      await recoverLiveTimeline({ recordingId: recording.id });
      ingest = await LiveIngest.open({ recordingId: recording.id });
    } catch (error) {
      await releaseIngestLease(options.talkId);
      throw error;
    }
    ingests.set(options.talkId, ingest);
    ingest.once("ended", () => {
      if (ingests.get(options.talkId) !== ingest) return;
      ingests.delete(options.talkId);
      void releaseIngestLease(options.talkId);
    });
    releaseWhenIdle(ingest);
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

/** A publisher gone for longer than the grace: the talk is free for another node (it stays LIVE). */
function releaseWhenIdle(ingest: LiveIngest) {
  let timer: NodeJS.Timeout | null = null;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const wait = () => {
    timer = setTimeout(() => void letGo(ingest), idleReleaseMs);
    timer.unref();
  };
  ingest.on("publisher", (connected: boolean) => {
    clear();
    if (!connected) wait();
  });
  // Opened with nobody publishing yet (ending a talk, an encoder refused): the same grace.
  if (!ingest.isPublisherConnected) wait();
  ingest.once("ended", clear);
  ingest.once("released", clear);
}

/**
 * This node stops ingesting the talk: its last segment is written, then the lease is released.
 * `message`: why, for a publisher still connected (the lease went to another node).
 */
function letGo(ingest: LiveIngest, message?: string): Promise<void> {
  const talkId = ingest.talkId;
  if (ingests.get(talkId) !== ingest) return leaving.get(talkId) ?? Promise.resolve();
  ingests.delete(talkId);
  const done = (async () => {
    ingest.emit("released", message);
    await ingest.suspend().catch((error: unknown) => console.error(`media ingest ${talkId}: could not stop cleanly`, error));
    await releaseIngestLease(talkId);
  })();
  leaving.set(talkId, done);
  return done.finally(() => {
    if (leaving.get(talkId) === done) leaving.delete(talkId);
  });
}

/** Another node asks for the talk: given up at once if nobody publishes it here. */
export async function releaseIdleIngest(talkId: string): Promise<void> {
  const ingest = findIngest(talkId);
  if (ingest && !ingest.isPublisherConnected) await letGo(ingest);
}

// The lease connection dropped (PostgreSQL restarted or unreachable): ingests carry on and take
// their leases back as soon as they can; one whose talk another node took meanwhile stops.
onIngestLeasesLost((talkIds) => {
  for (const talkId of talkIds) void takeBack(talkId);
});

async function takeBack(talkId: string) {
  for (let attempt = 0; ; attempt++) {
    const ingest = ingests.get(talkId);
    if (!ingest || ingest.isEnded) return;
    try {
      if (await takeIngestLease(talkId)) return;
      console.error(`media ingest ${talkId}: another node took this talk while the lease was lost; stopping here`);
      await letGo(ingest, "This talk is now being published through another server. Go live again if this is still you.");
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(attempt)));
    }
  }
}

/** Process shutdown: stop every ffmpeg; live talks stay live and resume when their speaker returns (here or on another node). */
export async function suspendAllIngests(): Promise<void> {
  const all = [...ingests.values()];
  await Promise.all(all.map((i) => letGo(i)));
}
