import { clientEvent } from "@/lib/realtime/contract";
import { ConferenceRoomInput, TalkRoomInput } from "./schemas";

// Talk and conference rooms: a talk's room carries its status, chat and presence; the
// conference's room its schedule changes and announcements. (talk:status, recording:changed and
// schedule:changed come from the domain events, lib/realtime/notify.ts.)

export type TalkStatus = "SCHEDULED" | "LIVE" | "ENDED";

export const talkClientEvents = {
  /** Needs `talk:watch`. */
  "talk:join": clientEvent(TalkRoomInput).acks<{ talk: { id: string; status: TalkStatus } }>(),
  "talk:leave": clientEvent(TalkRoomInput).acks(),
  /** Public: schedule pages listen for status and schedule changes (and a talk page learns its talk's status now). */
  "conference:join": clientEvent(ConferenceRoomInput).acks<{ talk: { id: string; status: TalkStatus } | null }>(),
};
