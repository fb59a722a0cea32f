import { prisma } from "@/lib/db/client";
import { assertChatAccess, getChatRoomAccessOrThrow } from "./get-chat-room-access";
import { messageSelect, toMessageView } from "./message-view";
import type { ChatMessageView } from "./schemas";

// A talk's chat is small next to its media; the replay panel filters this list by position.
const REPLAY_LIMIT = 5_000;

/** A talk's chat laid on its media timeline (messages with a position), in timeline order. */
export async function listReplayMessages(options: { talkId: string; userId: string | null }): Promise<{ messages: ChatMessageView[] }> {
  const access = await getChatRoomAccessOrThrow({ room: { talkId: options.talkId }, userId: options.userId });
  assertChatAccess(access, "read");
  const rows = await prisma.chatMessage.findMany({
    where: { conferenceId: access.room.conferenceId, talkId: options.talkId, deletedAt: null, mediaOffsetMs: { not: null } },
    orderBy: [{ mediaOffsetMs: "asc" }, { id: "asc" }],
    take: REPLAY_LIMIT,
    select: messageSelect(access.room.conferenceId),
  });
  return { messages: rows.map(toMessageView) };
}
