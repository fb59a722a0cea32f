import { rooms } from "@/lib/realtime/events";
import { AskQuestionInput, ListQuestionsInput, ModerateQuestionInput, SetQaModerationInput, VoteQuestionInput } from "@/lib/qa/schemas";
import type { QuestionView } from "@/lib/qa/schemas";
import { askQuestion } from "@/lib/qa/ask-question";
import { voteQuestion } from "@/lib/qa/vote-question";
import { moderateQuestion } from "@/lib/qa/moderate-question";
import { listQuestions } from "@/lib/qa/list-questions";
import { setQaModeration } from "@/lib/qa/set-qa-moderation";
import { modRoom, type ChatContext } from "./context";
import { on, type ChatEvent } from "./event-table";
import { userOrThrow } from "./chat-handlers";

/** Approved questions go to the whole room; the queue only to its moderators (and the asker). */
function publish(ctx: ChatContext, question: QuestionView) {
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
export const qaEvents: Record<string, ChatEvent> = {
  "qa:list": on(ListQuestionsInput, async ({ talkId }, socket) => listQuestions({ talkId, userId: socket.data.user?.id ?? null })),

  "qa:ask": on(AskQuestionInput, async (input, socket, ctx) => {
    const result = await askQuestion({ ...input, userId: userOrThrow(socket).id });
    publish(ctx, result.question);
    return result;
  }),

  "qa:vote": on(VoteQuestionInput, async (input, socket, ctx) => {
    const result = await voteQuestion({ ...input, userId: userOrThrow(socket).id });
    publish(ctx, result.question);
    return result;
  }),

  "qa:moderate": on(ModerateQuestionInput, async (input, socket, ctx) => {
    const result = await moderateQuestion({ ...input, userId: userOrThrow(socket).id });
    publish(ctx, result.question);
    return result;
  }),

  "qa:set-moderation": on(SetQaModerationInput, async (input, socket, ctx) => {
    const result = await setQaModeration({ ...input, moderatorId: userOrThrow(socket).id });
    ctx.io.to(rooms.talk(input.talkId)).emit("qa:settings", result);
    return result;
  }),
};
