import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { MAX_START_SECONDS } from "@/lib/talks/start-time";

export const CHAPTER_TITLE_MAX = 120;
/** More marks than this on one talk is not a chapter list any more. */
export const MAX_CHAPTERS_PER_TALK = 100;

const title = safeText({ min: 1, max: CHAPTER_TITLE_MAX, tooShort: "Give the chapter a title" });
const offsetSeconds = z
  .number({ message: "Give the chapter's start in seconds" })
  .int("Give the chapter's start in whole seconds")
  .min(0, "A chapter cannot start before the talk")
  .max(MAX_START_SECONDS, "A chapter must start within a day of the talk's start");

export const CreateChapterInput = z.object({ title, offsetSeconds }).strict();
export type CreateChapterInput = z.infer<typeof CreateChapterInput>;

export const UpdateChapterInput = z
  .object({ title: title.optional(), offsetSeconds: offsetSeconds.optional() })
  .strict()
  .refine((v) => v.title !== undefined || v.offsetSeconds !== undefined, "Change the title or the start");
export type UpdateChapterInput = z.infer<typeof UpdateChapterInput>;

export type ChapterView = { id: string; title: string; offsetSeconds: number };
