import { isValidTimeZone } from "@/lib/schedule/time-zones";
import { zonedWallTimeToDate } from "@/lib/schedule-editor/zoned-time";
import type { ImportedTalk } from "./schemas";

// Helpers shared by the pretalx and frab parsers.

/** "01:30" / "0:45" / "01:30:00" -> minutes. */
export function durationMinutes(hhmm: string): number {
  const [h, m, s] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0) + Math.round((s ?? 0) / 60);
}

/** An ISO date-time with an offset is exact; one without is read in the conference's zone. */
export function parseExportDate(value: string, timeZone: string): Date {
  const trimmed = value.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) return new Date(trimmed);
  return zonedWallTimeToDate(trimmed, timeZone);
}

/** pretalx and frab "type" values ("Keynote", "Talk", "Workshop", "Panel discussion"...). */
export function talkKindOf(type: string | null | undefined): ImportedTalk["kind"] {
  const t = (type ?? "").toLowerCase();
  if (t.includes("keynote")) return "KEYNOTE";
  if (t.includes("workshop")) return "WORKSHOP";
  if (t.includes("panel")) return "PANEL";
  return "TALK";
}

/** The talk text: subtitle, abstract and description, whichever are there. */
export function abstractOf(parts: { subtitle?: string; abstract?: string; description?: string }): string {
  const seen = new Set<string>();
  const paragraphs = [parts.subtitle, parts.abstract, parts.description].map((p) => (p ?? "").trim()).filter((p) => p && !seen.has(p) && seen.add(p));
  return paragraphs.join("\n\n").slice(0, 10_000);
}

export const MAX_IMPORTED_MINUTES = 24 * 60;

/** The export's declared zone when the platform knows it, else the conference's (with a warning). */
export function usableTimeZone(declared: string | null | undefined, fallback: string, warnings: string[]): string {
  const zone = declared?.trim();
  if (!zone) return fallback;
  if (isValidTimeZone(zone)) return zone;
  warnings.push(`Unknown time zone “${zone}”: times without an offset were read in ${fallback}`);
  return fallback;
}
