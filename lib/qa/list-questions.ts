import { prisma } from "@/lib/db/client";
import { assertChatAccess, getChatRoomAccessOrThrow } from "@/lib/chat/get-chat-room-access";
import { isQaModerated } from "./qa-moderation";
import { questionSelect, toQuestionView } from "./question-view";
import { compareQuestions } from "./schemas";

/** A talk's questions as this viewer may see them: approved ones, plus the queue for moderators and their own pending ones. */
export async function listQuestions(options: { talkId: string; userId: string | null }) {
  const access = await getChatRoomAccessOrThrow({ room: { talkId: options.talkId }, userId: options.userId });
  assertChatAccess(access, "read");
  const visible = access.canModerate
    ? { status: { in: ["APPROVED", "PENDING"] as ("APPROVED" | "PENDING")[] } }
    : { OR: [{ status: "APPROVED" as const }, ...(options.userId ? [{ status: "PENDING" as const, userId: options.userId }] : [])] };
  const [rows, votes, moderated] = await Promise.all([
    prisma.question.findMany({ where: { talkId: options.talkId, ...visible }, select: questionSelect, take: 500, orderBy: { createdAt: "asc" } }),
    options.userId
      ? prisma.questionVote.findMany({ where: { userId: options.userId, question: { talkId: options.talkId } }, select: { questionId: true } })
      : Promise.resolve([]),
    isQaModerated(options.talkId),
  ]);
  return {
    questions: rows.map(toQuestionView).sort(compareQuestions),
    myVotes: votes.map((v) => v.questionId),
    moderated,
  };
}
