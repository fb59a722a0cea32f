import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { getConferenceOrThrow } from "@/lib/conference/get-conference-or-throw";
import { findTalkStatus } from "@/lib/talks/find-talk-status";
import { assertCan } from "@/lib/permissions/get-viewer";
import { rooms } from "@/lib/realtime/events";
import type { talkClientEvents } from "@/lib/talks/events";
import type { EventHandlers } from "./dispatch";

/**
 * Talk and conference rooms, which every feature builds on: a talk's room carries its status,
 * chat and presence (joining needs `talk:watch`); the conference's room its schedule changes.
 */
export const talkRoomEvents = {
  "talk:join": async ({ talkId }, socket) => {
    const { talk, viewer } = await getTalkAccessOrThrow({ talkId, userId: socket.data.user?.id ?? null });
    assertCan(viewer, "talk:watch", talk);
    const joined = [rooms.talk(talk.id), rooms.conference(talk.conferenceId)];
    await socket.join(socket.data.user ? joined : [...joined, rooms.talkAnonymous(talk.id)]);
    return { talk: { id: talk.id, status: talk.status } };
  },

  "talk:leave": async ({ talkId }, socket) => {
    await socket.leave(rooms.talk(talkId));
    await socket.leave(rooms.talkAnonymous(talkId));
  },

  // Schedule pages listen for status and schedule changes; that information is public.
  "conference:join": async ({ conferenceId, talkId }, socket) => {
    const conference = await getConferenceOrThrow({ conferenceId });
    await socket.join(rooms.conference(conference.id));
    // Read after joining: a change after this read reaches the room, one before it is in the answer.
    return { talk: talkId ? await findTalkStatus({ conferenceId: conference.id, talkId }) : null };
  },
} satisfies EventHandlers<keyof typeof talkClientEvents>;
