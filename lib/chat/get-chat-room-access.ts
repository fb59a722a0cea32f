import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { getViewer } from "@/lib/permissions/get-viewer";
import { can, type TalkRef, type Viewer } from "@/lib/permissions/can";
import { roomKeyOf, type AuthorBadge, type ChatRoomRef } from "./schemas";
import { TtlCache } from "./ttl-cache";
import { authorBadge } from "./author-badge";

export type ChatRoom = {
  key: string;
  conferenceId: string;
  talkId: string | null;
  talk: (TalkRef & { status: string }) | null;
};

export type ChatRoomAccess = {
  room: ChatRoom;
  viewer: Viewer;
  canRead: boolean;
  canChat: boolean;
  canModerate: boolean;
  badge: AuthorBadge;
};

// Every chat event needs the room and the viewer's rights in it; in a keynote storm that is
// the same few rows thousands of times a second, so they are memoised briefly per process, and
// re-read in the background when due (a revoked ticket also clears them at once on every node:
// the access:changed event; a mute or ban is checked by the message's own insert).
const roomCache = new TtlCache<ChatRoom>(10_000, { staleMs: 60_000 });
const accessCache = new TtlCache<ChatRoomAccess>(5_000, { staleMs: 60_000 });

export async function findChatRoomOrThrow(ref: ChatRoomRef): Promise<ChatRoom> {
  const cacheKey = "talkId" in ref ? `t:${ref.talkId}` : `c:${ref.conferenceId}`;
  return roomCache.get(cacheKey, async () => {
    if ("talkId" in ref) {
      const talk = await prisma.talk.findUnique({
        where: { id: ref.talkId },
        select: { id: true, conferenceId: true, isPublic: true, status: true },
      });
      if (!talk) throw notFound("Talk");
      return { key: roomKeyOf({ talkId: talk.id, conferenceId: talk.conferenceId }), conferenceId: talk.conferenceId, talkId: talk.id, talk };
    }
    const conference = await prisma.conference.findUnique({ where: { id: ref.conferenceId }, select: { id: true } });
    if (!conference) throw notFound("Conference");
    return { key: roomKeyOf({ talkId: null, conferenceId: conference.id }), conferenceId: conference.id, talkId: null, talk: null };
  });
}

/** The room behind a reference and what this user may do in it (read, chat, moderate). */
export async function getChatRoomAccessOrThrow(options: { room: ChatRoomRef; userId: string | null }): Promise<ChatRoomAccess> {
  const room = await findChatRoomOrThrow(options.room);
  return accessCache.get(`${options.userId ?? "-"}|${room.key}`, async () => {
    const viewer = await getViewer({ conferenceId: room.conferenceId, userId: options.userId });
    const talk = room.talk ?? undefined;
    return {
      room,
      viewer,
      canRead: talk ? can(viewer, "talk:watch", talk) : can(viewer, "conference:chat"),
      canChat: talk ? can(viewer, "talk:chat", talk) : can(viewer, "conference:chat"),
      canModerate: talk ? can(viewer, "talk:moderate", talk) : can(viewer, "conference:moderate-chat"),
      badge: authorBadge(viewer, room.talkId),
    };
  });
}

export function assertChatAccess(access: ChatRoomAccess, need: "read" | "chat" | "moderate"): void {
  const ok = need === "read" ? access.canRead : need === "chat" ? access.canChat : access.canModerate;
  if (ok) return;
  if (access.viewer.userId === null) throw new AppError("UNAUTHENTICATED", "Sign in to do that");
  if (need !== "moderate" && !access.viewer.hasTicket) throw new AppError("PAYMENT_REQUIRED", "You need a ticket for this conference");
  throw new AppError("FORBIDDEN", need === "moderate" ? "Only moderators can do that" : "You cannot chat here");
}

/** Forget memoised rights (after a role or room change made on this node). */
export function forgetChatAccess(): void {
  roomCache.clear();
  accessCache.clear();
}
