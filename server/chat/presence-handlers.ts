import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { TalkRoomInput } from "@/lib/talks/schemas";
import { presenceRoom } from "./presence-tracker";
import { on, type ChatEvent } from "./event-table";

/** Schedule cards follow a talk's "N watching" without counting as watchers themselves. */
export const presenceEvents: Record<string, ChatEvent> = {
  "presence:subscribe": on(TalkRoomInput, async ({ talkId }, socket, ctx) => {
    // The count is public (it is on the schedule); only check the talk exists.
    const talk = await prisma.talk.findUnique({ where: { id: talkId }, select: { id: true } });
    if (!talk) throw notFound("Talk");
    await socket.join(presenceRoom(talkId));
    return { talkId, count: ctx.presence.current(talkId).count };
  }),

  "presence:unsubscribe": on(TalkRoomInput, async ({ talkId }, socket) => {
    await socket.leave(presenceRoom(talkId));
  }),

  // Only the count: the names of who is here go to those in the talk's room (presence:update).
  "presence:get": on(TalkRoomInput, async ({ talkId }, _socket, ctx) => ({ talkId, count: ctx.presence.current(talkId).count })),
};
