import type { ChapterView } from "./schemas";

/** A talk's whole chapter list, in timeline order, after any change: the list, not a diff, so a missed push is healed by the next one. */
export type TalkChaptersEvent = { talkId: string; chapters: ChapterView[] };

// Pushed to the talk's room (joined with `talk:watch`, the rule for reading chapters) by every
// realtime node on the `chapters:changed` domain event; nothing to send, so no client events.
export type ChapterServerEvents = {
  "talk:chapters": (event: TalkChaptersEvent) => void;
};
