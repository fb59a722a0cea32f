import { dayKey, formatTime, zonedTimeToInstant } from "@/lib/schedule/time-zones";

// Organizers plan in the conference's time zone and <input type="datetime-local"> speaks wall
// clock time; the database stores instants. These adapt the schedule's zone arithmetic to the
// "YYYY-MM-DDTHH:mm" strings of forms and of exports without an offset (browser and server).

/** "2026-06-01T10:00" (or with ":ss") on the wall clock of `timeZone` -> the instant. */
export function zonedWallTimeToDate(wallTime: string, timeZone: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(wallTime.trim());
  if (!m) return new Date(Number.NaN);
  return zonedTimeToInstant(m[1]!, m[2]!, timeZone);
}

/** An instant -> "2026-06-01T10:00" on the wall clock of `timeZone` (for datetime-local inputs). */
export function dateToZonedWallTime(date: Date | string, timeZone: string): string {
  const instant = typeof date === "string" ? new Date(date) : date;
  return `${dayKey(instant, timeZone)}T${formatTime(instant, timeZone, "en-GB")}`;
}
