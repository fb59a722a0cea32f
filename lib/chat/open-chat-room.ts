import { can } from "@/lib/permissions/can";
import { assertChatAccess, getChatRoomAccessOrThrow } from "./get-chat-room-access";
import { findActiveSanction } from "./find-active-sanction";
import { getRoomLimits } from "./get-room-limits";
import { listMessages } from "./list-messages";
import { HISTORY_PAGE, type ChatRoomRef } from "./schemas";

/**
 * Everything a chat panel needs when it opens a room: the latest page of history, the room's
 * limits, and what this user may do (chat, moderate, or not while muted/banned).
 */
export async function openChatRoom(options: { room: ChatRoomRef; userId: string | null }) {
  const access = await getChatRoomAccessOrThrow({ room: options.room, userId: options.userId });
  assertChatAccess(access, "read");
  const [history, settings, sanction] = await Promise.all([
    listMessages({ room: options.room, userId: options.userId, limit: HISTORY_PAGE }),
    getRoomLimits({ roomKey: access.room.key, conferenceId: access.room.conferenceId }),
    options.userId
      ? findActiveSanction({ conferenceId: access.room.conferenceId, userId: options.userId, talkId: access.room.talkId })
      : Promise.resolve(null),
  ]);
  return {
    room: { key: access.room.key, conferenceId: access.room.conferenceId, talkId: access.room.talkId },
    canChat: access.canChat,
    canModerate: access.canModerate,
    canBan: can(access.viewer, "conference:moderate-chat"),
    sanction: sanction ? { kind: sanction.kind, until: sanction.until?.toISOString() ?? null } : null,
    settings,
    messages: history.messages,
    hasMore: history.hasMore,
  };
}
