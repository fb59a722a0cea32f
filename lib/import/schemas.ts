import { z } from "zod";
import { NAME_MAX, safeText } from "@/lib/validation/text";
import { ConferenceSlug } from "@/lib/conference/conference-path";

// ── What an import reads ────────────────────────────────────────────────────────────────────
// pretalx's public schedule export (/<event>/schedule/export/schedule.json), the JSON flavour of
// the frab format. Only the fields Plenary uses are checked; everything else may vary between
// pretalx versions and is passed over.

const Text = z
  .string()
  .nullish()
  .transform((v) => v ?? "");
const Hhmm = z.string().regex(/^\d{1,3}:\d{2}(:\d{2})?$/, "Expected a duration like 00:30");

export const PretalxPerson = z
  .object({
    id: z.union([z.number(), z.string()]).nullish(),
    code: z.string().nullish(),
    guid: z.string().nullish(),
    public_name: z.string().nullish(),
    name: z.string().nullish(),
    biography: z.string().nullish(),
    avatar: z.string().nullish(),
  })
  .refine((p) => (p.public_name ?? p.name)?.trim(), { message: "A person needs a public_name" })
  .refine((p) => p.code ?? p.guid ?? p.id != null, { message: "A person needs a code or an id" });

export const PretalxTalk = z.object({
  guid: z.string().nullish(),
  id: z.union([z.number(), z.string()]).nullish(),
  date: z.string().min(10, "Expected an ISO date and time"),
  start: z.string().nullish(),
  duration: Hhmm,
  room: z.string().min(1),
  slug: z.string().nullish(),
  title: z.string().trim().min(1, "A talk needs a title"),
  subtitle: Text,
  track: z.string().nullish(),
  type: z.string().nullish(),
  language: z.string().nullish(),
  abstract: Text,
  description: Text,
  persons: z.array(PretalxPerson).default([]),
});

export const PretalxExport = z.object({
  schedule: z.object({
    version: z.union([z.string(), z.number()]).nullish(),
    conference: z.object({
      title: z.string().nullish(),
      acronym: z.string().nullish(),
      time_zone_name: z.string().nullish(),
      rooms: z.array(z.object({ name: z.string().min(1) }).passthrough()).default([]),
      tracks: z.array(z.object({ name: z.string().min(1), color: z.string().nullish() }).passthrough()).default([]),
      days: z.array(
        z.object({
          index: z.number().nullish(),
          date: z.string().nullish(),
          rooms: z.record(z.string(), z.array(PretalxTalk)),
        }),
      ),
    }),
  }),
});
export type PretalxExport = z.infer<typeof PretalxExport>;

// ── What an import writes ───────────────────────────────────────────────────────────────────
// Both parsers produce this one shape; import-schedule.ts only knows this.

export const ImportedSpeaker = z.object({
  externalId: safeText({ min: 1, max: 200 }),
  name: safeText({ min: 1, max: NAME_MAX }),
  // undefined = the source says nothing (frab XML has no biographies): keep what we have.
  bio: safeText({ max: 10_000, multiline: true }).optional(),
  avatarUrl: safeText({ max: 2000 }).nullable().optional(),
});
export type ImportedSpeaker = z.infer<typeof ImportedSpeaker>;

export const ImportedTalk = z.object({
  externalId: safeText({ min: 1, max: 200 }),
  title: safeText({ min: 1, max: 200 }),
  abstract: safeText({ max: 10_000, multiline: true }),
  kind: z.enum(["KEYNOTE", "TALK", "PANEL", "WORKSHOP"]),
  startsAt: z.date(),
  endsAt: z.date(),
  stageName: safeText({ min: 1, max: NAME_MAX }),
  trackName: safeText({ min: 1, max: NAME_MAX }).nullable(),
  speakerExternalIds: z.array(safeText({ min: 1, max: 200 })),
});
export type ImportedTalk = z.infer<typeof ImportedTalk>;

/** What both parsers produce; checked (NUL refused, invisible characters removed, lengths held) before anything is written. */
export const ImportedSchedule = z.object({
  title: safeText({ max: 200 }).nullable(),
  /** The event's short name (pretalx's slug, frab's <acronym>): a new conference's slug comes from it. */
  acronym: safeText({ max: 200 }).nullable().optional(),
  timeZone: z.string().nullable(),
  stages: z.array(z.object({ name: safeText({ min: 1, max: NAME_MAX }) })),
  tracks: z.array(z.object({ name: safeText({ min: 1, max: NAME_MAX }), color: z.string().nullable() })),
  speakers: z.array(ImportedSpeaker),
  talks: z.array(ImportedTalk),
  /** How many talk times had no offset and were read in `timeZone` (or the conference's zone). */
  timesWithoutOffset: z.number().int().min(0),
  /** Things passed over, for the organizer to read (e.g. an event without a length). */
  warnings: z.array(z.string()),
});
export type ImportedSchedule = z.infer<typeof ImportedSchedule>;

export const IMPORT_FORMATS = ["auto", "pretalx-json", "frab-xml"] as const;
/** 5 MB is ten times the export of a 300-talk conference. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const ImportScheduleInput = z
  .object({
    format: z.enum(IMPORT_FORMATS).default("auto"),
    source: z
      .string()
      .min(1, "Paste or upload a schedule export")
      // TextEncoder, not Buffer: the admin form runs this check in the browser too.
      .refine((s) => s.length <= MAX_IMPORT_BYTES && new TextEncoder().encode(s).length <= MAX_IMPORT_BYTES, "The file is larger than 5 MB"),
    /** Replace what the organizer changed in the editor since the last import with the export's values. */
    overwriteEdits: z.boolean().default(false),
  })
  .strict();
export type ImportScheduleInput = z.infer<typeof ImportScheduleInput>;

/** An import that starts a new conference: name and slug default to the event's own. */
export const ImportNewConferenceInput = ImportScheduleInput.omit({ overwriteEdits: true }).extend({
  name: safeText({ max: 120 }).optional(),
  slug: ConferenceSlug.optional(),
});
export type ImportNewConferenceInput = z.infer<typeof ImportNewConferenceInput>;

export type ImportCounts = { created: number; updated: number; unchanged: number };

/** The talk fields an import writes and the editor can change; "time" is the slot (start and end). */
export const IMPORTED_TALK_FIELDS = ["title", "abstract", "kind", "time", "stage", "track", "speakers"] as const;
export type ImportedTalkField = (typeof IMPORTED_TALK_FIELDS)[number];

/** What the last import wrote to a talk (Talk.importedValues): differing from it now means edited in the editor. */
export const ImportedValues = z.object({
  title: z.string(),
  abstract: z.string(),
  kind: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  stageId: z.string(),
  trackId: z.string().nullable(),
  speakerIds: z.array(z.string()),
});
export type ImportedValues = z.infer<typeof ImportedValues>;

/** A talk whose editor changes met a different value in the export: kept, or overwritten when asked. */
export type EditedTalk = { talkId: string; title: string; fields: ImportedTalkField[] };
export type ImportResult = {
  format: "pretalx-json" | "frab-xml";
  stages: ImportCounts;
  tracks: ImportCounts;
  speakers: ImportCounts;
  talks: ImportCounts;
  warnings: string[];
  conflicts: number;
  /** Editor changes the export would have replaced and the import kept. */
  kept: EditedTalk[];
  /** Editor changes replaced by the export's values (only with overwriteEdits). */
  overwritten: EditedTalk[];
};
