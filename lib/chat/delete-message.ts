import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { assertChatAccess, getChatRoomAccessOrThrow } from "./get-chat-room-access";
import { roomKeyOf } from "./schemas";

/**
 * Removes a message for everyone (soft delete: kept for the moderation record, never served).
 * Moderators of the room may delete any message; authors their own.
 */
export async function deleteMessage(options: { messageId: string; userId: string }) {
  const message = await prisma.chatMessage.findUnique({
    where: { id: BigInt(options.messageId) },
    select: { id: true, conferenceId: true, talkId: true, userId: true, deletedAt: true },
  });
  if (!message) throw notFound("Message");
  const ref = message.talkId ? { talkId: message.talkId } : { conferenceId: message.conferenceId };
  const access = await getChatRoomAccessOrThrow({ room: ref, userId: options.userId });
  if (message.userId !== options.userId) assertChatAccess(access, "moderate");
  if (!message.deletedAt) {
    await prisma.chatMessage.update({ where: { id: message.id }, data: { deletedAt: new Date(), deletedById: options.userId } });
  }
  return { roomKey: roomKeyOf(message), messageId: options.messageId };
}
