// Time zone arithmetic with the platform's Intl database (no extra library): instants are stored
// in UTC; a conference plans in its IANA zone; every viewer may see their own.

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function partsIn(instant: Date, timeZone: string): Parts {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(instant)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out as Parts;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (e.g. +60 for Berlin in winter). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `time`.
 * In a spring-forward gap the time does not exist: we move it forward by the gap (like most
 * calendars). In a fall-back overlap we take the earlier of the two instants.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const wallAsUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  // Try both offsets around the wall time; pick the one that round-trips.
  const candidates = [
    wallAsUtc - offsetMinutes(new Date(wallAsUtc - 86400000 / 2), timeZone) * 60000,
    wallAsUtc - offsetMinutes(new Date(wallAsUtc + 86400000 / 2), timeZone) * 60000,
  ].sort((a, b) => a - b);
  for (const c of candidates) {
    const p = partsIn(new Date(c), timeZone);
    if (p.hour === h && p.minute === mi && p.day === d) return new Date(c);
  }
  // Gap: the wall time is skipped; the later offset gives the moment right after the jump.
  return new Date(candidates[candidates.length - 1]!);
}

/** Calendar day (YYYY-MM-DD) of an instant in a zone. */
export function dayKey(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

export function formatTime(instant: Date, timeZone: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit" }).format(instant);
}

export function formatDay(day: string, locale = "en-GB"): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}

export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(instant).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}
