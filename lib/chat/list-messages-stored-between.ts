import { prisma } from "@/lib/db/client";
import { findChatRoomOrThrow } from "./get-chat-room-access";
import { messageSelect, toMessageView } from "./message-view";
import type { ChatMessageView, ChatRoomRef } from "./schemas";

/** How far back a recovery looks: the room's newest messages, no more. */
const NEWEST = 2000;

/** The room a room key names (`talk:<id>`, `hallway:<conferenceId>`); null for any other room. */
export function chatRoomOfKey(roomKey: string): ChatRoomRef | null {
  const [kind, id, extra] = roomKey.split(":");
  if (!id || extra !== undefined) return null;
  if (kind === "talk") return { talkId: id };
  if (kind === "hallway") return { conferenceId: id };
  return null;
}

/**
 * The messages of a room stored between two instants, oldest first (among its newest 2,000: a
 * bounded read, by the primary index), for sending again what a node that died may have stored
 * and acknowledged without broadcasting it. Clients keep each message once by id.
 */
export async function listMessagesStoredBetween(options: { room: ChatRoomRef; from: Date; to: Date }): Promise<ChatMessageView[]> {
  const room = await findChatRoomOrThrow(options.room);
  const rows = await prisma.chatMessage.findMany({
    where: { conferenceId: room.conferenceId, talkId: room.talkId, deletedAt: null },
    orderBy: { id: "desc" },
    take: NEWEST,
    select: messageSelect(room.conferenceId),
  });
  return rows
    .filter((row) => row.createdAt >= options.from && row.createdAt <= options.to)
    .reverse()
    .map(toMessageView);
}
