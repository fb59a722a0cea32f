import { isValidTimeZone } from "@/lib/schedule/time-zones";
import { zonedWallTimeToDate } from "@/lib/schedule-editor/zoned-time";
import { cleanText, NAME_MAX } from "@/lib/validation/text";
import type { ImportedTalk } from "./schemas";

// Helpers shared by the pretalx and frab parsers.

/** "01:30" / "0:45" / "01:30:00" -> minutes. */
export function durationMinutes(hhmm: string): number {
  const [h, m, s] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0) + Math.round((s ?? 0) / 60);
}

/** Whether an ISO date-time names its offset (then it is an exact instant). */
export function hasOffset(value: string): boolean {
  return /(Z|[+-]\d{2}:?\d{2})$/.test(value.trim());
}

/** An ISO date-time with an offset is exact; one without is read in `timeZone` (the export's, else the conference's). */
export function parseExportDate(value: string, timeZone: string): Date {
  const trimmed = value.trim();
  if (hasOffset(trimmed)) return new Date(trimmed);
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

/** The zone times without an offset are read in: the export's declared one when the platform knows it, else the conference's. */
export function usableTimeZone(declared: string | null | undefined, fallback: string): string {
  const zone = declared?.trim();
  return zone && isValidTimeZone(zone) ? zone : fallback;
}

/**
 * The one warning about zones an import gives, if any: times without an offset read in the
 * conference's zone because the export names none (or one the platform does not know), or an
 * export planned in another zone than the conference.
 */
export function zoneWarning(options: { declared: string | null; conferenceZone: string; timesWithoutOffset: number }): string | null {
  const { conferenceZone, timesWithoutOffset } = options;
  const declared = options.declared?.trim() || null;
  const times = timesWithoutOffset === 1 ? "1 time without an offset was" : `${timesWithoutOffset} times without an offset were`;
  if (declared && !isValidTimeZone(declared)) {
    return timesWithoutOffset > 0
      ? `The export names the time zone “${declared}”, which Plenary does not know: ${times} read in the conference's zone, ${conferenceZone}. Check them in the schedule editor.`
      : `The export names the time zone “${declared}”, which Plenary does not know; every time in it had an offset, so none depended on it.`;
  }
  if (!declared) {
    return timesWithoutOffset > 0
      ? `The export names no time zone: ${times} read in the conference's zone, ${conferenceZone}. Check them in the schedule editor.`
      : null;
  }
  if (declared !== conferenceZone) {
    return `The export plans in ${declared}, this conference in ${conferenceZone}: times were kept as exact instants`;
  }
  return null;
}

/**
 * The one rule for a room or track name from an export, used for the stage (or track) and for
 * every talk that names it, so the two always match: cleaned as Plenary stores names, then held
 * to NAME_MAX (cut at a character boundary, with a warning once per name).
 */
export function exportNames(warnings: string[]): (raw: string, what: "room" | "track") => string {
  const seen = new Map<string, string>();
  return (raw, what) => {
    const known = seen.get(raw);
    if (known !== undefined) return known;
    const cleaned = cleanText(raw).trim();
    let name = cleaned;
    if (cleaned.length > NAME_MAX) {
      name = "";
      for (const char of cleaned) {
        if (name.length + char.length > NAME_MAX) break;
        name += char;
      }
      name = name.trim();
      warnings.push(`The ${what} “${cleaned}” has a name longer than ${NAME_MAX} characters: it was shortened to “${name}”`);
    }
    seen.set(raw, name);
    return name;
  };
}
