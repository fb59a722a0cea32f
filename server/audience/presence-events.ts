import { getTalkOrThrow } from "@/lib/talks/get-talk-or-throw";
import type { presenceClientEvents } from "@/lib/presence/events";
import type { EventHandlers } from "../socket/dispatch";
import { presenceRoom } from "./presence-tracker";
import type { AudienceContext } from "./context";

/** Schedule cards follow a talk's "N watching" without counting as watchers themselves. */
export const presenceEvents = {
  "presence:subscribe": async ({ talkId }, socket, ctx) => {
    // The count is public (it is on the schedule); only check the talk exists.
    await getTalkOrThrow({ talkId });
    await socket.join(presenceRoom(talkId));
    return { talkId, count: ctx.presence.current(talkId).count };
  },

  "presence:unsubscribe": async ({ talkId }, socket) => {
    await socket.leave(presenceRoom(talkId));
  },

  // Only the count: the names of who is here go to those in the talk's room (presence:update).
  "presence:get": async ({ talkId }, _socket, ctx) => ({ talkId, count: ctx.presence.current(talkId).count }),
} satisfies EventHandlers<keyof typeof presenceClientEvents, AudienceContext>;
