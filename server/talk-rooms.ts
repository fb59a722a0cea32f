import type { Server } from "socket.io";
import { ConferenceRoomInput, TalkRoomInput } from "@/lib/talks/schemas";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { assertCan } from "@/lib/permissions/get-viewer";
import { rooms } from "@/lib/realtime/events";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { handle, type PlenarySocket } from "./socket/handle";

/** Joining a talk's room (to get its status, chat and presence) needs `talk:watch`. */
export function registerTalkRooms(_io: Server, socket: PlenarySocket) {
  handle(socket, "talk:join", TalkRoomInput, async ({ talkId }) => {
    const { talk, viewer } = await getTalkAccessOrThrow({ talkId, userId: socket.data.user?.id ?? null });
    assertCan(viewer, "talk:watch", talk);
    await socket.join(rooms.talk(talk.id));
    await socket.join(rooms.conference(talk.conferenceId));
    return { talk: { id: talk.id, status: talk.status } };
  });

  handle(socket, "talk:leave", TalkRoomInput, async ({ talkId }) => {
    await socket.leave(rooms.talk(talkId));
  });

  // Schedule pages listen for status and schedule changes; that information is public.
  handle(socket, "conference:join", ConferenceRoomInput, async ({ conferenceId }) => {
    const exists = await prisma.conference.findUnique({ where: { id: conferenceId }, select: { id: true } });
    if (!exists) throw notFound("Conference");
    await socket.join(rooms.conference(conferenceId));
  });
}
