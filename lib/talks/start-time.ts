// `?t=` on a talk's URL: where the player starts. Plain seconds (`?t=90`, `?t=90.5`, what "Copy
// link to this moment" writes) or YouTube-style units (`?t=1m30s`, `?t=1h2m`, `?t=45s`).

/** The longest start accepted: a day (no talk is longer; a larger number is a typo or garbage). */
export const MAX_START_SECONDS = 24 * 3600;

const PLAIN = /^\d{1,6}(\.\d{1,3})?$/;
const UNITS = /^(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?$/;

/** Seconds from a `?t=` value, or undefined when it is missing or not a time. */
export function parseStartTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const text = value.trim().toLowerCase();
  let seconds: number | undefined;
  if (PLAIN.test(text)) seconds = Number(text);
  else {
    const match = UNITS.exec(text);
    if (!match || !(match[1] || match[2] || match[3])) return undefined;
    seconds = Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  }
  return seconds <= MAX_START_SECONDS ? seconds : undefined;
}

/** The `?t=` value for a whole number of seconds: plain seconds, what every link we write uses. */
export function startTimeParam(seconds: number): string {
  return String(Math.max(0, Math.floor(seconds)));
}

const CLOCK = /^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$/;

/**
 * A time someone types into a form (a chapter's start): a clock ("1:30", "1:02:03") or anything
 * `?t=` takes ("90", "1m30s"). Whole seconds; undefined when it is not a time.
 */
export function parseTimeInput(value: string): number | undefined {
  const text = value.trim();
  const clock = CLOCK.exec(text);
  if (clock) {
    const seconds = Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    return clock[1] !== undefined && Number(clock[2]) > 59 ? undefined : seconds <= MAX_START_SECONDS ? seconds : undefined;
  }
  const seconds = parseStartTime(text);
  return seconds === undefined ? undefined : Math.floor(seconds);
}
