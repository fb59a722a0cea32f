import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { assertChatAccess, getChatRoomAccessOrThrow } from "@/lib/chat/get-chat-room-access";
import { questionSelect, toQuestionView } from "./question-view";
import type { ModerateQuestionInput } from "./schemas";

const changes = {
  approve: { status: "APPROVED" },
  reject: { status: "REJECTED" },
  answer: { answered: true },
  unanswer: { answered: false },
  pin: { pinned: true },
  unpin: { pinned: false },
} as const;

/** The talk's speaker or an organizer approves, rejects, marks answered or pins a question. */
export async function moderateQuestion(options: ModerateQuestionInput & { userId: string }) {
  const found = await prisma.question.findUnique({ where: { id: options.questionId }, select: { id: true, talkId: true, status: true } });
  if (!found) throw notFound("Question");
  const access = await getChatRoomAccessOrThrow({ room: { talkId: found.talkId }, userId: options.userId });
  assertChatAccess(access, "moderate");
  const question = await prisma.question.update({ where: { id: found.id }, data: changes[options.action], select: questionSelect });
  return { question: toQuestionView(question), previousStatus: found.status };
}
