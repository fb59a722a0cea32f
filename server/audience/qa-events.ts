import { rooms } from "@/lib/realtime/events";
import type { QuestionView } from "@/lib/qa/schemas";
import { askQuestion } from "@/lib/qa/ask-question";
import { voteQuestion } from "@/lib/qa/vote-question";
import { moderateQuestion } from "@/lib/qa/moderate-question";
import { listQuestions } from "@/lib/qa/list-questions";
import { setQaModeration } from "@/lib/qa/set-qa-moderation";
import type { qaClientEvents } from "@/lib/qa/events";
import type { EventHandlers } from "../socket/dispatch";
import { joinAccountRoom, modRoom, userIdOf, userOrThrow, type AudienceContext } from "./context";

/** Approved questions go to the whole room; the queue only to its moderators (and the asker). */
function publish(ctx: AudienceContext, question: QuestionView) {
  const talkRoom = rooms.talk(question.talkId);
  if (question.status === "APPROVED") {
    ctx.io.to(talkRoom).emit("qa:question", question);
    return;
  }
  ctx.io.to([modRoom(talkRoom), rooms.user(question.author.id)]).emit("qa:question", question);
  // Rejected (or sent back) questions leave everyone else's list.
  ctx.io
    .to(talkRoom)
    .except(modRoom(talkRoom))
    .except(rooms.user(question.author.id))
    .emit("qa:removed", { talkId: question.talkId, questionId: question.id });
}

/** Q&A per talk. */
export const qaEvents = {
  "qa:list": async ({ talkId }, socket) => {
    const result = await listQuestions({ talkId, userId: userIdOf(socket) });
    await joinAccountRoom(socket);
    return result;
  },

  "qa:ask": async (input, socket, ctx) => {
    const result = await askQuestion({ ...input, userId: userOrThrow(socket).id });
    await joinAccountRoom(socket);
    publish(ctx, result.question);
    return result;
  },

  "qa:vote": async (input, socket, ctx) => {
    const result = await voteQuestion({ ...input, userId: userOrThrow(socket).id });
    publish(ctx, result.question);
    return result;
  },

  "qa:moderate": async (input, socket, ctx) => {
    const result = await moderateQuestion({ ...input, userId: userOrThrow(socket).id });
    publish(ctx, result.question);
    return result;
  },

  "qa:set-moderation": async (input, socket, ctx) => {
    const result = await setQaModeration({ ...input, moderatorId: userOrThrow(socket).id });
    ctx.io.to(rooms.talk(input.talkId)).emit("qa:settings", result);
    return result;
  },
} satisfies EventHandlers<keyof typeof qaClientEvents, AudienceContext>;
