import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertChatAccess, getChatRoomAccessOrThrow } from "@/lib/chat/get-chat-room-access";
import { findActiveSanction } from "@/lib/chat/find-active-sanction";
import { getRoomLimits } from "@/lib/chat/get-room-limits";
import { chatRateLimiter } from "@/lib/chat/rate-limiter";
import { isQaModerated } from "./qa-moderation";
import { questionSelect, toQuestionView } from "./question-view";

/** An attendee asks; with the moderation queue on, the question waits for approval. */
export async function askQuestion(options: { talkId: string; body: string; userId: string }) {
  const access = await getChatRoomAccessOrThrow({ room: { talkId: options.talkId }, userId: options.userId });
  assertChatAccess(access, "chat");
  if (!access.canModerate) {
    const limits = await getRoomLimits({ roomKey: access.room.key, conferenceId: access.room.conferenceId });
    const waitMs = chatRateLimiter.take(`qa|${access.room.key}|${options.userId}`, limits.burst, limits.intervalMs);
    if (waitMs > 0) throw new AppError("RATE_LIMITED", `Slow down: try again in ${Math.ceil(waitMs / 1000)} s`);
  }
  if (await findActiveSanction({ conferenceId: access.room.conferenceId, userId: options.userId, talkId: access.room.talkId })) {
    throw new AppError("FORBIDDEN", "You cannot ask questions while muted or banned");
  }
  const moderated = !access.canModerate && (await isQaModerated(options.talkId));
  const question = await prisma.question.create({
    data: { talkId: options.talkId, userId: options.userId, body: options.body, status: moderated ? "PENDING" : "APPROVED" },
    select: questionSelect,
  });
  return { question: toQuestionView(question) };
}
