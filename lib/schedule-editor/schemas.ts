import { z } from "zod";
import { NAME_MAX, safeText } from "@/lib/validation/text";

// One set of schemas for the schedule editor, imported by the API route handlers and by the
// admin forms alike, so a form shows exactly the field errors the server would answer with.

const Id = z.string().trim().min(1, "Required").max(64);
const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Required")
  .max(80, "At most 80 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes");
/** An empty slug field means "derive it from the name". */
const OptionalSlug = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), Slug.optional());
const Instant = z.iso.datetime({ offset: true, message: "Enter a date and time" });
const OptionalUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z
    .url({ protocol: /^https?$/, message: "Enter an http(s) URL" })
    .max(2000)
    .nullable()
    .optional(),
);

export const TALK_KINDS = ["KEYNOTE", "TALK", "PANEL", "WORKSHOP"] as const;
export const TalkKind = z.enum(TALK_KINDS, { message: "Choose keynote, talk, panel or workshop" });

/** Longest slot the editor accepts: a talk longer than a day is a typo, not a workshop. */
export const MAX_TALK_MINUTES = 24 * 60;

const TalkFields = z.object({
  title: safeText({ min: 1, max: 200, tooShort: "Give the talk a title" }),
  slug: OptionalSlug,
  abstract: safeText({ max: 10_000, multiline: true, tooLong: "At most 10,000 characters" }).default(""),
  kind: TalkKind.default("TALK"),
  startsAt: Instant,
  endsAt: Instant,
  stageId: Id,
  trackId: Id.nullable().optional(),
  isPublic: z.boolean().default(false),
  speakerIds: z.array(Id).max(20, "At most 20 speakers").default([]),
});

function checkSlot(value: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx) {
  if (!value.startsAt || !value.endsAt) return;
  const minutes = (Date.parse(value.endsAt) - Date.parse(value.startsAt)) / 60_000;
  if (minutes <= 0) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "Must end after it starts" });
  else if (minutes > MAX_TALK_MINUTES) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "A talk can last at most 24 hours" });
}

function checkDistinctSpeakers(value: { speakerIds?: string[] }, ctx: z.RefinementCtx) {
  if (value.speakerIds && new Set(value.speakerIds).size !== value.speakerIds.length) {
    ctx.addIssue({ code: "custom", path: ["speakerIds"], message: "A speaker is listed twice" });
  }
}

export const CreateTalkInput = TalkFields.strict().superRefine(checkSlot).superRefine(checkDistinctSpeakers);
export type CreateTalkInput = z.infer<typeof CreateTalkInput>;

/** Every field optional; when only one end of the slot changes, the service checks the whole slot. */
export const UpdateTalkInput = z
  .object({
    title: TalkFields.shape.title.optional(),
    slug: OptionalSlug,
    abstract: safeText({ max: 10_000, multiline: true, tooLong: "At most 10,000 characters" }).optional(),
    kind: TalkKind.optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    stageId: Id.optional(),
    trackId: Id.nullable().optional(),
    isPublic: z.boolean().optional(),
    speakerIds: TalkFields.shape.speakerIds.unwrap().optional(),
  })
  .strict()
  .superRefine(checkSlot)
  .superRefine(checkDistinctSpeakers);
export type UpdateTalkInput = z.infer<typeof UpdateTalkInput>;

/** Moving keeps the talk's length: a new stage and a new start. */
export const MoveTalkInput = z.object({ stageId: Id, startsAt: Instant }).strict();
export type MoveTalkInput = z.infer<typeof MoveTalkInput>;

export const CreateStageInput = z
  .object({
    name: safeText({ min: 1, max: NAME_MAX, tooShort: "Give the stage a name" }),
    slug: OptionalSlug,
    position: z.coerce.number().int("Whole number").min(0).max(1000).optional(),
  })
  .strict();
export type CreateStageInput = z.infer<typeof CreateStageInput>;
export const UpdateStageInput = CreateStageInput.partial().strict();
export type UpdateStageInput = z.infer<typeof UpdateStageInput>;

export const CreateTrackInput = z
  .object({
    name: safeText({ min: 1, max: NAME_MAX, tooShort: "Give the track a name" }),
    slug: OptionalSlug,
    color: z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #6366f1")
      .default("#6366f1"),
  })
  .strict();
export type CreateTrackInput = z.infer<typeof CreateTrackInput>;
export const UpdateTrackInput = z
  .object({ name: CreateTrackInput.shape.name.optional(), slug: OptionalSlug, color: CreateTrackInput.shape.color.unwrap().optional() })
  .strict();
export type UpdateTrackInput = z.infer<typeof UpdateTrackInput>;

export const SpeakerLink = z
  .object({
    label: safeText({ min: 1, max: 60, tooShort: "Give the link a label" }),
    url: z.url({ protocol: /^https?$/, message: "Enter an http(s) URL" }).max(2000),
  })
  .strict();

export const CreateSpeakerInput = z
  .object({
    name: safeText({ min: 1, max: NAME_MAX, tooShort: "Give the speaker a name" }),
    slug: OptionalSlug,
    headline: safeText({ max: 200 }).default(""),
    bio: safeText({ max: 10_000, multiline: true, tooLong: "At most 10,000 characters" }).default(""),
    avatarUrl: OptionalUrl,
    links: z.array(SpeakerLink).max(10, "At most 10 links").default([]),
    // Links the profile to the account that presents it (speaker studio, stream key).
    accountEmail: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? null : v),
      z.email("Enter an email address").max(320).nullable().optional(),
    ),
  })
  .strict();
export type CreateSpeakerInput = z.infer<typeof CreateSpeakerInput>;

export const UpdateSpeakerInput = z
  .object({
    name: CreateSpeakerInput.shape.name.optional(),
    slug: OptionalSlug,
    headline: safeText({ max: 200 }).optional(),
    bio: safeText({ max: 10_000, multiline: true, tooLong: "At most 10,000 characters" }).optional(),
    avatarUrl: OptionalUrl,
    links: z.array(SpeakerLink).max(10, "At most 10 links").optional(),
    accountEmail: CreateSpeakerInput.shape.accountEmail,
  })
  .strict();
export type UpdateSpeakerInput = z.infer<typeof UpdateSpeakerInput>;

/** A conflict the editor warns about; saving still succeeds (as in pretalx). */
export type ScheduleConflict =
  | {
      kind: "STAGE_OVERLAP";
      talkIds: [string, string];
      stageId: string;
      message: string;
    }
  | {
      kind: "SPEAKER_DOUBLE_BOOKED";
      talkIds: [string, string];
      speakerId: string;
      message: string;
    };
