import { clientEvent } from "@/lib/realtime/contract";
import { TalkRoomInput } from "@/lib/talks/schemas";

// "N watching" and who is here. The count is public (it is on the schedule); the names go only to
// those in the talk's room.

export type TalkPresenceView = { talkId: string; count: number; users: { id: string; name: string }[] };
export type PresenceCount = { talkId: string; count: number };

export const presenceClientEvents = {
  /** Follow a talk's count without counting as a watcher (schedule cards). */
  "presence:subscribe": clientEvent(TalkRoomInput).acks<PresenceCount>(),
  "presence:unsubscribe": clientEvent(TalkRoomInput).acks(),
  "presence:get": clientEvent(TalkRoomInput).acks<PresenceCount>(),
};

export type PresenceServerEvents = {
  /** To the talk's room: the total and the names. */
  "presence:update": (presence: TalkPresenceView) => void;
  /** To subscribers outside the room: the total only. */
  "presence:count": (count: PresenceCount) => void;
};
