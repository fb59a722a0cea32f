import { prisma } from "@/lib/db/client";
import { assertChatAccess, getChatRoomAccessOrThrow } from "@/lib/chat/get-chat-room-access";
import { qaQueueKey } from "./qa-moderation";

/** Turns the Q&A moderation queue of a talk on or off (speaker of the talk or organizer). */
export async function setQaModeration(options: { talkId: string; enabled: boolean; moderatorId: string }) {
  const access = await getChatRoomAccessOrThrow({ room: { talkId: options.talkId }, userId: options.moderatorId });
  assertChatAccess(access, "moderate");
  const roomId = qaQueueKey(options.talkId);
  if (options.enabled) await prisma.chatRoomSettings.upsert({ where: { roomId }, create: { roomId }, update: {} });
  else await prisma.chatRoomSettings.deleteMany({ where: { roomId } });
  return { talkId: options.talkId, moderated: options.enabled };
}
