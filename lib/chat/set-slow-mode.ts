import { prisma } from "@/lib/db/client";
import { assertChatAccess, getChatRoomAccessOrThrow } from "./get-chat-room-access";
import { forgetRoomLimits, getRoomLimits } from "./get-room-limits";
import type { ChatRoomRef } from "./schemas";

/** Slow mode for one room: each attendee may post once per `seconds` (0 turns it off). */
export async function setSlowMode(options: { room: ChatRoomRef; seconds: number; moderatorId: string }) {
  const access = await getChatRoomAccessOrThrow({ room: options.room, userId: options.moderatorId });
  assertChatAccess(access, "moderate");
  const roomId = access.room.key;
  await prisma.chatRoomSettings.upsert({
    where: { roomId },
    create: { roomId, slowModeSeconds: options.seconds },
    update: { slowModeSeconds: options.seconds },
  });
  forgetRoomLimits(roomId);
  return { settings: await getRoomLimits({ roomKey: roomId, conferenceId: access.room.conferenceId }) };
}
