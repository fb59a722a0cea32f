import { z } from "zod";
import { safeText } from "@/lib/validation/text";

/** The largest captions file accepted: a two-hour talk's WebVTT is about 150 KB. */
export const MAX_CAPTIONS_BYTES = 512 * 1024;

// BCP 47 as players use it for <track srclang>: "en", "pt-BR", "zh-Hant", "sr-Latn-RS".
const LANGUAGE = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8}){0,3}$/;

/** The query of a captions upload (the body is the WebVTT file itself, `text/vtt`). */
export const CaptionTrackQuery = z
  .object({
    language: z.string().trim().regex(LANGUAGE, "Give a language tag such as en, de or pt-BR"),
    label: safeText({ min: 1, max: 60, tooShort: "Give the track a label, such as English" }),
  })
  .strict();
export type CaptionTrackQuery = z.infer<typeof CaptionTrackQuery>;

export type CaptionTrackView = { id: string; language: string; label: string; cueCount: number; url: string; updatedAt: string };

export function captionTrackUrl(talkId: string, trackId: string): string {
  return `/api/talks/${talkId}/captions/${trackId}`;
}
