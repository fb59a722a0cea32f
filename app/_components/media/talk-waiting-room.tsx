"use client";
import { describeCountdown } from "@/lib/talks/countdown";
import { Badge } from "../ui/badge";
import { StartsIn } from "../schedule/starts-in";
import { TalkTime } from "../schedule/time-zone";
import { useNow } from "../schedule/use-now";

/**
 * Where the player will be, before the talk goes live: when, a countdown, and a heads-up a minute
 * before. It stands in the player's place (same region name), and the media area swaps the player
 * in as soon as the talk's status push says LIVE: no reload.
 */
export function TalkWaitingRoom({ title, startsAt, premiere }: { title: string; startsAt: string; premiere: boolean }) {
  const now = useNow();
  const state = now === null ? null : describeCountdown({ startsAt, now }).state;
  return (
    <div
      role="region"
      aria-label={`Video player: ${title}`}
      className="relative flex aspect-video w-full flex-col items-center justify-center gap-3 overflow-hidden rounded-2xl bg-zinc-900 p-6 text-center text-white shadow-sm"
      data-testid="talk-waiting-room"
    >
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-0 bg-gradient-to-br from-brand-700/30 via-transparent to-fuchsia-600/20"
      />
      <p className="relative text-lg font-medium">{premiere ? "Premieres at the scheduled start" : "The stream appears here when the talk starts"}</p>
      <TalkTime start={startsAt} showDay blankUntilHydrated className="relative text-sm text-zinc-400" />
      <StartsIn startsAt={startsAt} announce className="relative text-4xl font-semibold tracking-tight sm:text-5xl" />
      <p className="relative min-h-6 text-sm text-zinc-300">
        {state === "starting-soon" ? (
          <Badge tone="warning">Starting in less than a minute · the video starts here by itself</Badge>
        ) : state === "overdue" ? (
          premiere ? (
            "The premiere is about to begin."
          ) : (
            "The speaker is getting ready. Stay on this page: the video starts here by itself."
          )
        ) : (
          "Stay on this page: the video starts here by itself."
        )}
      </p>
    </div>
  );
}
