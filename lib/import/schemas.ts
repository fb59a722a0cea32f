import { z } from "zod";

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
  externalId: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(120),
  // undefined = the source says nothing (frab XML has no biographies): keep what we have.
  bio: z.string().max(10_000).optional(),
  avatarUrl: z.string().max(2000).nullable().optional(),
});
export type ImportedSpeaker = z.infer<typeof ImportedSpeaker>;

export const ImportedTalk = z.object({
  externalId: z.string().min(1).max(200),
  title: z.string().trim().min(1).max(200),
  abstract: z.string().max(10_000),
  kind: z.enum(["KEYNOTE", "TALK", "PANEL", "WORKSHOP"]),
  startsAt: z.date(),
  endsAt: z.date(),
  stageName: z.string().trim().min(1).max(100),
  trackName: z.string().trim().min(1).max(100).nullable(),
  speakerExternalIds: z.array(z.string()),
});
export type ImportedTalk = z.infer<typeof ImportedTalk>;

export type ImportedSchedule = {
  title: string | null;
  timeZone: string | null;
  stages: { name: string }[];
  tracks: { name: string; color: string | null }[];
  speakers: ImportedSpeaker[];
  talks: ImportedTalk[];
  /** Things passed over, for the organizer to read (e.g. an event without a length). */
  warnings: string[];
};

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
  })
  .strict();
export type ImportScheduleInput = z.infer<typeof ImportScheduleInput>;

export type ImportCounts = { created: number; updated: number; unchanged: number };
export type ImportResult = {
  format: "pretalx-json" | "frab-xml";
  stages: ImportCounts;
  tracks: ImportCounts;
  speakers: ImportCounts;
  talks: ImportCounts;
  warnings: string[];
  conflicts: number;
};
