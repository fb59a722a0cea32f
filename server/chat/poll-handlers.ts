import { rooms } from "@/lib/realtime/events";
import { ClosePollInput, CreatePollInput, ListPollsInput, VotePollInput } from "@/lib/polls/schemas";
import { createPoll } from "@/lib/polls/create-poll";
import { votePoll } from "@/lib/polls/vote-poll";
import { closePoll } from "@/lib/polls/close-poll";
import { listPolls } from "@/lib/polls/list-polls";
import { modRoom, pollRoom } from "./context";
import { on, type ChatEvent } from "./event-table";
import { userOrThrow } from "./chat-handlers";

/**
 * Polls per talk. Results go live only to those allowed to see them: people who voted (their
 * sockets join the poll's room), the talk's moderators, and everyone once the poll is closed.
 */
export const pollEvents: Record<string, ChatEvent> = {
  "poll:list": on(ListPollsInput, async ({ talkId }, socket) => {
    const result = await listPolls({ talkId, userId: socket.data.user?.id ?? null });
    for (const pollId of Object.keys(result.myChoices)) await socket.join(pollRoom(pollId));
    return result;
  }),

  "poll:create": on(CreatePollInput, async (input, socket, ctx) => {
    const { poll, pollWithResults } = await createPoll({ ...input, userId: userOrThrow(socket).id });
    const talkRoom = rooms.talk(input.talkId);
    ctx.io.to(talkRoom).except(modRoom(talkRoom)).emit("poll:update", poll);
    ctx.io.to(modRoom(talkRoom)).emit("poll:update", pollWithResults);
    return { poll: pollWithResults };
  }),

  "poll:vote": on(VotePollInput, async (input, socket, ctx) => {
    const userId = userOrThrow(socket).id;
    const result = await votePoll({ ...input, userId });
    await socket.join(pollRoom(result.poll.id));
    ctx.io.to(rooms.user(userId)).except(socket.id).emit("poll:voted", { pollId: result.poll.id, optionIds: result.myChoice });
    // In a voting rush, counts go out a few times a second, not once per ballot (latest wins).
    const talkRoom = rooms.talk(result.poll.talkId);
    ctx.throttle(`poll:${result.poll.id}`, 250, () => {
      ctx.io.to([pollRoom(result.poll.id), modRoom(talkRoom)]).emit("poll:results", result.poll);
    });
    return result;
  }),

  "poll:close": on(ClosePollInput, async (input, socket, ctx) => {
    const result = await closePoll({ ...input, userId: userOrThrow(socket).id });
    ctx.io.to(rooms.talk(result.poll.talkId)).emit("poll:update", result.poll);
    return result;
  }),
};
