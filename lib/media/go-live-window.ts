import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { can, type TalkRef, type Viewer } from "@/lib/permissions/can";

/** When a talk's speakers may go public: TALK_GO_LIVE_WINDOW_MINUTES before its slot. */
export function goLiveWindowOpensAt(talk: { startsAt: Date }): Date {
  return new Date(talk.startsAt.getTime() - env.TALK_GO_LIVE_WINDOW_MINUTES * 60_000);
}

/** Whether a new stream of this talk may be public now, or must be a private test (RTMP decides by this). */
export function isGoLiveWindowOpen(talk: { startsAt: Date }, now = new Date()): boolean {
  return now >= goLiveWindowOpensAt(talk);
}

/**
 * Going public before the window needs an organizer: a speaker testing days early would otherwise
 * put their test on every attendee's schedule as live. A private test stream is allowed any time.
 */
export function assertMayGoLive(options: { viewer: Viewer; talk: TalkRef & { startsAt: Date }; now?: Date }): void {
  if (isGoLiveWindowOpen(options.talk, options.now) || can(options.viewer, "talk:go-live-early", options.talk)) return;
  const minutes = env.TALK_GO_LIVE_WINDOW_MINUTES;
  throw new AppError(
    "FORBIDDEN",
    `You can go live from ${minutes} minute${minutes === 1 ? "" : "s"} before your slot (${goLiveWindowOpensAt(options.talk).toISOString()}). ` +
      "Until then, use a private test stream, or ask an organizer to start the talk early.",
    { opensAt: goLiveWindowOpensAt(options.talk).toISOString() },
  );
}
