import { z } from "zod";

// The one rule for text people type into Plenary (names, titles, chat, bios): used by every zod
// schema in lib/*/schemas.ts and by the sign-up name (lib/auth/auth.ts).
// - NUL is refused with a clear message: PostgreSQL cannot store it, and nobody types it.
// - Bidi overrides/isolates and invisible characters are removed: they serve no purpose in a name
//   or a message and let one reorder or hide what others read ("‮gnp.exe"). Zero-width joiner
//   and non-joiner stay: emoji sequences and Persian or Indic spelling need them.
// - Other control characters go too; single-line fields turn tabs and line breaks into spaces.
// - Lone surrogates become U+FFFD, so what is stored is what is shown.

/** Names of people, stages, tracks, ticket types. */
export const NAME_MAX = 80;

// U+202A–U+202E embeddings/overrides, U+2066–U+2069 isolates, U+200B zero-width space,
// U+2060 word joiner, U+2061–U+2064 invisible operators, U+FEFF zero-width no-break space,
// U+180E Mongolian vowel separator, U+00AD soft hyphen.
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF\u180E\u00AD]/g;
// Control characters are exactly what these match.
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0001-\u001F\u007F-\u009F]/g;

export const NUL_MESSAGE = "must not contain NUL characters";

/** Removes what serves no purpose in text people read; NUL is left for the schema to refuse. */
export function cleanText(value: string, options: { multiline?: boolean } = {}): string {
  const wellFormed = value.toWellFormed();
  const stripped = wellFormed.replace(INVISIBLE, "");
  if (options.multiline) return stripped.replace(/\r\n?/g, "\n").replace(CONTROL_MULTILINE, "");
  return stripped.replace(/[\t\r\n]+/g, " ").replace(CONTROL_SINGLE_LINE, "");
}

export type SafeTextOptions = {
  /** Longest accepted, counted after cleaning (UTF-16 code units, as zod counts). */
  max: number;
  /** Shortest accepted after cleaning and trimming; 0 by default. */
  min?: number;
  /** Keep line breaks (bios, abstracts, chat messages); otherwise they become spaces. */
  multiline?: boolean;
  /** Trim surrounding white space (default true). */
  trim?: boolean;
  tooShort?: string;
  tooLong?: string;
};

/**
 * A zod string for human text: NUL refused, invisible and control characters removed, trimmed,
 * then held to `min`/`max`. It stays a ZodString, so `.optional()`, `.default()` chain as usual.
 */
export function safeText(options: SafeTextOptions) {
  const { max, min = 0, multiline = false, trim = true } = options;
  // Far past `max`: refuse before cleaning, so a 200,000-character name costs nothing more.
  let schema = z
    .string()
    .max(max * 4 + 64, { message: options.tooLong ?? `At most ${max} characters`, abort: true })
    .refine((v) => !v.includes("\u0000"), { message: NUL_MESSAGE, abort: true })
    .overwrite((v) => cleanText(v, { multiline }));
  if (trim) schema = schema.trim();
  if (min > 0) schema = schema.min(min, options.tooShort ?? (min === 1 ? "Required" : `At least ${min} characters`));
  return schema.max(max, options.tooLong ?? `At most ${max} characters`);
}
