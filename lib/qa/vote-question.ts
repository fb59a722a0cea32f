import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { assertChatAccess, getChatRoomAccessOrThrow } from "@/lib/chat/get-chat-room-access";
import { findActiveSanction } from "@/lib/chat/find-active-sanction";
import { questionSelect, toQuestionView } from "./question-view";

/**
 * One upvote per person per question (the vote row's primary key guarantees it, also under
 * concurrent clicks); `on: false` takes the vote back.
 */
export async function voteQuestion(options: { questionId: string; on: boolean; userId: string }) {
  const found = await prisma.question.findUnique({ where: { id: options.questionId }, select: { id: true, talkId: true, status: true } });
  if (!found || found.status !== "APPROVED") throw notFound("Question");
  const access = await getChatRoomAccessOrThrow({ room: { talkId: found.talkId }, userId: options.userId });
  assertChatAccess(access, "chat");
  // A ban keeps an account out of the conference's audience features; a mute only stops its words.
  const sanction = await findActiveSanction({ conferenceId: access.room.conferenceId, userId: options.userId, talkId: access.room.talkId });
  if (sanction?.kind === "BAN") throw new AppError("FORBIDDEN", "You are banned from this conference's chat, polls and Q&A");
  const key = { questionId: found.id, userId: options.userId };
  const question = await prisma.$transaction(async (tx) => {
    if (options.on) {
      const inserted =
        await tx.$executeRaw`INSERT INTO "QuestionVote" ("questionId", "userId") VALUES (${key.questionId}, ${key.userId}) ON CONFLICT DO NOTHING`;
      if (inserted === 0) throw new AppError("CONFLICT", "You already upvoted this question");
      return tx.question.update({ where: { id: found.id }, data: { upvotes: { increment: 1 } }, select: questionSelect });
    }
    const removed = await tx.questionVote.deleteMany({ where: key });
    if (removed.count === 0) throw new AppError("CONFLICT", "You have not upvoted this question");
    return tx.question.update({ where: { id: found.id }, data: { upvotes: { decrement: 1 } }, select: questionSelect });
  });
  return { question: toQuestionView(question), voted: options.on };
}
