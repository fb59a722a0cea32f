import { z } from "zod";

export const TalkRoomInput = z.object({ talkId: z.string().min(1).max(64) }).strict();
export type TalkRoomInput = z.infer<typeof TalkRoomInput>;

// `talkId`: a talk page asks for its talk's status as of joining (it may have changed since the page was rendered).
export const ConferenceRoomInput = z.object({ conferenceId: z.string().min(1).max(64), talkId: z.string().min(1).max(64).optional() }).strict();
export type ConferenceRoomInput = z.infer<typeof ConferenceRoomInput>;
