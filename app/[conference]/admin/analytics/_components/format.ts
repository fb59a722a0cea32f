import type { TimeSeries } from "@/lib/analytics/schemas";

// Shared by the analytics pages (server) and charts (client): plain functions, no data access.

/** "45 min", "3 h 20 min": watch time reads in hours once it is long. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} min`;
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes - h * 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat("en").format(n);
}

/** A bucket's start in the conference's zone: the time of day, with the date when the series spans days. */
export function formatBucket(iso: string, timeZone: string, options: { withDate: boolean; withTime: boolean }): string {
  return new Date(iso).toLocaleString("en-GB", {
    timeZone,
    ...(options.withDate ? { day: "numeric", month: "short" } : {}),
    ...(options.withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
  });
}

/** "per minute", "per 5 minutes", "per hour", "per day". */
export function bucketLabel(minutes: number): string {
  if (minutes === 1) return "per minute";
  if (minutes === 60) return "per hour";
  if (minutes === 1440) return "per day";
  if (minutes % 1440 === 0) return `per ${minutes / 1440} days`;
  if (minutes % 60 === 0) return `per ${minutes / 60} hours`;
  return `per ${minutes} minutes`;
}

/** "1 Jun 2026" for a calendar day (YYYY-MM-DD) without moving it through a zone. */
export function formatDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
}

/** Revenue, "€0.00" included (formatMoney says "Free" for a price of 0, which a total is not). */
export function formatRevenue(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** "1 ticket", "3 tickets", "1,200 questions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "Live: at most 120 at once, at 1 Jun, 10:14 (Europe/Berlin)." — the sentence a viewers chart stands for. */
export function peakSentence(series: TimeSeries<"viewers">, zone: string, what: string): string {
  const peak = series.points.reduce<(typeof series.points)[number] | null>((best, p) => (!best || p.viewers > best.viewers ? p : best), null);
  if (!peak) return "";
  const when = formatBucket(peak.at, zone, { withDate: true, withTime: series.bucketMinutes < 1440 });
  return `${what}: at most ${formatCount(peak.viewers)} at once, ${series.bucketMinutes === 1 ? "at" : "in the bucket from"} ${when} (${zone}).`;
}
