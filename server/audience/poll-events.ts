import { rooms } from "@/lib/realtime/events";
import { createPoll } from "@/lib/polls/create-poll";
import { votePoll } from "@/lib/polls/vote-poll";
import { closePoll } from "@/lib/polls/close-poll";
import { listPolls } from "@/lib/polls/list-polls";
import type { pollClientEvents } from "@/lib/polls/events";
import type { EventHandlers } from "../socket/dispatch";
import { joinAccountRoom, modRoom, pollRoom, userIdOf, userOrThrow, type AudienceContext } from "./context";

/**
 * Polls per talk. Results go live only to those allowed to see them: people who voted (their
 * sockets join the poll's room), the talk's moderators, and everyone once the poll is closed.
 */
export const pollEvents = {
  "poll:list": async ({ talkId }, socket) => {
    const result = await listPolls({ talkId, userId: userIdOf(socket) });
    await socket.join(Object.keys(result.myChoices).map(pollRoom));
    await joinAccountRoom(socket);
    return result;
  },

  "poll:create": async (input, socket, ctx) => {
    const { poll, pollWithResults } = await createPoll({ ...input, userId: userOrThrow(socket).id });
    const talkRoom = rooms.talk(input.talkId);
    ctx.io.to(talkRoom).except(modRoom(talkRoom)).emit("poll:update", poll);
    ctx.io.to(modRoom(talkRoom)).emit("poll:update", pollWithResults);
    return { poll: pollWithResults };
  },

  "poll:vote": async (input, socket, ctx) => {
    const userId = userOrThrow(socket).id;
    const result = await votePoll({ ...input, userId });
    await socket.join(pollRoom(result.poll.id));
    await joinAccountRoom(socket);
    ctx.io.to(rooms.user(userId)).except(socket.id).emit("poll:voted", { pollId: result.poll.id, optionIds: result.myChoice });
    // In a voting rush, counts go out a few times a second, not once per ballot (latest wins).
    const talkRoom = rooms.talk(result.poll.talkId);
    ctx.throttle(`poll:${result.poll.id}`, 250, () => {
      ctx.io.to([pollRoom(result.poll.id), modRoom(talkRoom)]).emit("poll:results", result.poll);
    });
    return result;
  },

  "poll:close": async (input, socket, ctx) => {
    const result = await closePoll({ ...input, userId: userOrThrow(socket).id });
    ctx.io.to(rooms.talk(result.poll.talkId)).emit("poll:update", result.poll);
    return result;
  },
} satisfies EventHandlers<keyof typeof pollClientEvents, AudienceContext>;
