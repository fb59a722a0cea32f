import { prisma } from "@/lib/db/client";
import { can } from "@/lib/permissions/can";
import { assertCan } from "@/lib/permissions/get-viewer";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import type { TalkMedia } from "./schemas";

/** What the attendee player should load for a talk: live DVR, replay, premiere, or nothing yet. */
export async function getTalkMedia(options: { talkId: string; userId: string | null; now?: Date }): Promise<TalkMedia> {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, "talk:watch", talk);
  const found = await prisma.recording.findUnique({ where: { talkId: talk.id } });
  // A private test stream exists only for the talk's speakers and organizers.
  const recording = found?.isTest && !can(viewer, "talk:broadcast", talk) ? null : found;
  const now = options.now ?? new Date();
  const base: TalkMedia = {
    talkId: talk.id,
    status: talk.status,
    playlistPath: null,
    source: recording?.source ?? null,
    recordingStatus: recording?.status ?? null,
    progress: recording?.progress ?? 0,
    durationMs: recording?.durationMs ?? 0,
    startedAt: recording?.startedAt?.toISOString() ?? null,
    premiereAt: null,
    error: recording?.error ?? null,
    readyAt: recording?.readyAt?.toISOString() ?? null,
    lateByMs: null,
    isTest: recording?.isTest ?? false,
  };
  if (!recording) return base;
  const playlistPath = `/media/${recording.storagePrefix}/master.m3u8`;
  if (recording.source === "UPLOAD") {
    base.premiereAt = talk.startsAt.toISOString();
    // Late for its slot: attendees join the premiere that far in (a moved talk is judged by its new start).
    const doneAt = recording.status === "READY" ? recording.readyAt : recording.status === "PROCESSING" ? now : null;
    if (doneAt && doneAt > talk.startsAt) base.lateByMs = doneAt.getTime() - talk.startsAt.getTime();
    // A premiere is watchable from its scheduled start (the playlist grows with the clock).
    if (recording.status === "READY" && talk.startsAt <= now) base.playlistPath = playlistPath;
    return base;
  }
  if (recording.startedAt) base.playlistPath = playlistPath;
  return base;
}
