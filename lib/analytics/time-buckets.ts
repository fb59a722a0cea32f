const STEPS = [1, 5, 15, 30, 60, 180, 360, 1440];
const MAX_POINTS = 360;

/** The smallest bucket (in minutes) that keeps a chart from `from` to `to` under a few hundred points. */
export function bucketMinutesFor(from: Date, to: Date): number {
  const minutes = Math.max(1, (to.getTime() - from.getTime()) / 60_000 + 1);
  return STEPS.find((step) => minutes / step <= MAX_POINTS) ?? Math.ceil(minutes / MAX_POINTS / 1440) * 1440;
}

/** Floors a date to its UTC minute. */
export function minuteOf(date: Date | number): Date {
  const ms = typeof date === "number" ? date : date.getTime();
  return new Date(Math.floor(ms / 60_000) * 60_000);
}
