import { prisma } from "@/lib/db/client";
import { assertChatAccess, getChatRoomAccessOrThrow } from "./get-chat-room-access";
import { messageSelect, toMessageView } from "./message-view";
import type { ChatMessageView, ListMessagesInput } from "./schemas";

/**
 * A page of a room's history, oldest first. Without cursors: the latest `limit` messages (on
 * join). `beforeId`: "load earlier". `afterId`: everything missed since the last message a
 * client saw (resume after a drop), in order. `hasMore` tells whether another page exists.
 */
export async function listMessages(options: ListMessagesInput & { userId: string | null }): Promise<{
  messages: ChatMessageView[];
  hasMore: boolean;
}> {
  const access = await getChatRoomAccessOrThrow({ room: options.room, userId: options.userId });
  assertChatAccess(access, "read");
  const { room } = access;
  const where = {
    conferenceId: room.conferenceId,
    talkId: room.talkId,
    deletedAt: null,
    ...(options.beforeId ? { id: { lt: BigInt(options.beforeId) } } : {}),
    ...(options.afterId ? { id: { gt: BigInt(options.afterId) } } : {}),
  };
  const rows = await prisma.chatMessage.findMany({
    where,
    orderBy: { id: options.afterId ? "asc" : "desc" },
    take: options.limit + 1,
    select: messageSelect(room.conferenceId),
  });
  const hasMore = rows.length > options.limit;
  const page = rows.slice(0, options.limit);
  if (!options.afterId) page.reverse();
  return { messages: page.map(toMessageView), hasMore };
}
