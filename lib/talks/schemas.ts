import { z } from "zod";

export const TalkRoomInput = z.object({ talkId: z.string().min(1).max(64) }).strict();
export type TalkRoomInput = z.infer<typeof TalkRoomInput>;

export const ConferenceRoomInput = z.object({ conferenceId: z.string().min(1).max(64) }).strict();
export type ConferenceRoomInput = z.infer<typeof ConferenceRoomInput>;
