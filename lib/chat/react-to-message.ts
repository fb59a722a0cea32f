import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { assertChatAccess, getChatRoomAccessOrThrow } from "./get-chat-room-access";
import { findActiveSanction } from "./find-active-sanction";
import { AppError } from "@/lib/errors/app-error";
import { roomKeyOf, type ReactInput } from "./schemas";

/** Adds or removes this user's emoji on a message (once per user and emoji); returns the new count. */
export async function reactToMessage(options: ReactInput & { userId: string }) {
  const message = await prisma.chatMessage.findUnique({
    where: { id: BigInt(options.messageId) },
    select: { id: true, conferenceId: true, talkId: true, deletedAt: true },
  });
  if (!message || message.deletedAt) throw notFound("Message");
  const ref = message.talkId ? { talkId: message.talkId } : { conferenceId: message.conferenceId };
  const access = await getChatRoomAccessOrThrow({ room: ref, userId: options.userId });
  assertChatAccess(access, "chat");
  if (await findActiveSanction({ conferenceId: message.conferenceId, userId: options.userId, talkId: message.talkId })) {
    throw new AppError("FORBIDDEN", "You cannot react while muted or banned");
  }
  const key = { messageId_userId_emoji: { messageId: message.id, userId: options.userId, emoji: options.emoji } };
  if (options.on) {
    await prisma.chatReaction.upsert({ where: key, create: key.messageId_userId_emoji, update: {} });
  } else {
    await prisma.chatReaction.deleteMany({ where: key.messageId_userId_emoji });
  }
  const count = await prisma.chatReaction.count({ where: { messageId: message.id, emoji: options.emoji } });
  return { roomKey: roomKeyOf(message), messageId: options.messageId, emoji: options.emoji, count, userId: options.userId, on: options.on };
}
