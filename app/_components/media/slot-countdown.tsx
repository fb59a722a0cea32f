"use client";
import { describeCountdown, describeSlotForSpeaker } from "@/lib/talks/countdown";
import { useNow } from "../schedule/use-now";

/** The studio's clock to the speaker's slot: "Your slot starts in 04:12", then "You are 2 min past your start". */
export function SlotCountdown({ startsAt }: { startsAt: string }) {
  const now = useNow();
  const countdown = now === null ? null : describeCountdown({ startsAt, now });
  const late = countdown?.state === "overdue" && countdown.minutesLate >= 1;
  const soon = countdown?.state === "starting-soon" || (countdown?.state === "overdue" && !late);
  return (
    <>
      <p
        role="timer"
        aria-atomic="true"
        data-testid="slot-countdown"
        className={`tabular-nums text-sm font-semibold ${late ? "text-amber-700 dark:text-amber-300" : soon ? "text-brand-600" : ""}`}
      >
        {countdown ? describeSlotForSpeaker(countdown) : "\u00a0"}
      </p>
      {/* Spoken at thresholds only (10, 5, 2, 1 minutes, the start), not every second. */}
      <span aria-live="polite" className="sr-only">
        {countdown
          ? countdown.state === "overdue"
            ? late
              ? describeSlotForSpeaker(countdown)
              : "Your slot starts now"
            : countdown.announcement
          : ""}
      </span>
    </>
  );
}
