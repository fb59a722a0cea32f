"use client";
import { describeCountdown } from "@/lib/talks/countdown";
import { TalkTime } from "./time-zone";
import { useNow } from "./use-now";

/**
 * "Starts in 04:12" for a talk that has not gone live: hh:mm:ss from an hour, the date from a day
 * away, "Starting any moment" once the start has passed. Blank until hydrated (the server's clock
 * is not the viewer's). The ticking text is a timer (never read out on its own); `announce` adds a
 * polite live region that speaks only when a threshold is crossed (lib/talks/countdown.ts).
 */
export function StartsIn({
  startsAt,
  announce = false,
  showDateWhenFar = true,
  className = "",
}: {
  startsAt: string;
  announce?: boolean;
  showDateWhenFar?: boolean;
  className?: string;
}) {
  const now = useNow();
  const countdown = now === null ? null : describeCountdown({ startsAt, now });
  return (
    <>
      <span role="timer" aria-atomic="true" className={`tabular-nums ${className}`} data-testid="starts-in" data-state={countdown?.state}>
        {!countdown ? (
          "\u00a0"
        ) : countdown.state === "overdue" ? (
          "Starting any moment"
        ) : countdown.clock ? (
          `Starts in ${countdown.clock}`
        ) : showDateWhenFar ? (
          <>
            Starts <TalkTime start={startsAt} showDay />
          </>
        ) : null}
      </span>
      {announce ? (
        <span aria-live="polite" className="sr-only" data-testid="starts-in-announcement">
          {countdown?.announcement ?? ""}
        </span>
      ) : null}
    </>
  );
}
