/**
 * The countdown to a talk's start, as attendees (talk page, home page) and its speakers (the
 * studio's backstage) see it. Pure: the caller passes the clock, so it renders and tests the same.
 */

/** "upcoming": counting down; "starting-soon": within STARTING_SOON_MS; "overdue": the start has passed and the talk is not live. */
export type CountdownState = "upcoming" | "starting-soon" | "overdue";

/** Within this of the start, viewers are told it is about to begin ("Starting in 1 minute"). */
export const STARTING_SOON_MS = 60_000;
/** From this far away, a countdown clock means little: the date is shown instead. */
export const DATE_INSTEAD_OF_CLOCK_MS = 24 * 3600_000;

export type Countdown = {
  state: CountdownState;
  /** Until the start; negative once it has passed. */
  remainingMs: number;
  /** "04:12", or "01:04:12" from an hour away; null a day or more away (show the date) and once past. */
  clock: string | null;
  /** Whole minutes since the start when overdue, else 0. */
  minutesLate: number;
  /**
   * What a live region says: it changes only when a threshold is crossed (hours, then 60, 30, 15,
   * 10, 5, 2 and 1 minutes, then the start), so a screen reader is not read a clock every second.
   */
  announcement: string;
};

const MINUTE_THRESHOLDS = [1, 2, 5, 10, 15, 30, 60];

export function describeCountdown(options: { startsAt: Date | string | number; now: Date | number }): Countdown {
  const start = new Date(options.startsAt).getTime();
  const now = new Date(options.now).getTime();
  const remainingMs = start - now;
  // A start less than a second away shows 00:00, and counts as reached: the clock never says 00:00 while still "upcoming".
  const reached = remainingMs <= 0 || Math.ceil(remainingMs / 1000) === 0;
  if (reached) {
    return {
      state: "overdue",
      remainingMs,
      clock: null,
      minutesLate: Math.max(0, Math.floor(-remainingMs / 60_000)),
      announcement: "Starting now",
    };
  }
  return {
    state: remainingMs <= STARTING_SOON_MS ? "starting-soon" : "upcoming",
    remainingMs,
    clock: remainingMs >= DATE_INSTEAD_OF_CLOCK_MS ? null : formatCountdownClock(remainingMs),
    minutesLate: 0,
    announcement: countdownAnnouncement(remainingMs),
  };
}

/** "04:12" under an hour, "01:04:12" from an hour (seconds rounded up: 0.2 s left is 00:01, never 00:00 early). */
export function formatCountdownClock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** The coarse text for a live region: the smallest threshold at or above what is left. */
export function countdownAnnouncement(remainingMs: number): string {
  if (remainingMs <= 0) return "Starting now";
  const minutes = remainingMs / 60_000;
  const threshold = MINUTE_THRESHOLDS.find((t) => minutes <= t);
  if (threshold !== undefined) return `Starting in ${threshold} minute${threshold === 1 ? "" : "s"}`;
  const hours = Math.ceil(remainingMs / 3600_000);
  if (hours < 24) return `Starts in ${hours} hours`;
  const days = Math.ceil(remainingMs / (24 * 3600_000));
  return `Starts in ${days} day${days === 1 ? "" : "s"}`;
}

/** The speaker's line in the studio: "Your slot starts in 04:12", then "You are 2 min past your start". */
export function describeSlotForSpeaker(countdown: Countdown): string {
  if (countdown.state !== "overdue") {
    if (countdown.clock) return `Your slot starts in ${countdown.clock}`;
    const days = Math.floor(countdown.remainingMs / DATE_INSTEAD_OF_CLOCK_MS);
    return `Your slot starts in ${days} day${days === 1 ? "" : "s"}`;
  }
  if (countdown.minutesLate < 1) return "Your slot starts now";
  return `You are ${countdown.minutesLate} min past your start`;
}
