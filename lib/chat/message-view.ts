import type { AuthorBadge, ChatMessageView } from "./schemas";
import { roomKeyOf } from "./schemas";

// The Prisma select every message read uses, and its mapping to what clients receive.
export function messageSelect(conferenceId: string) {
  return {
    id: true,
    conferenceId: true,
    talkId: true,
    userId: true,
    body: true,
    createdAt: true,
    mediaOffsetMs: true,
    user: {
      select: {
        name: true,
        memberships: { where: { conferenceId }, select: { role: true } },
        speakers: { where: { conferenceId }, select: { talks: { select: { talkId: true } } } },
      },
    },
    reactions: { select: { emoji: true } },
  } as const;
}

type SelectedMessage = {
  id: bigint;
  conferenceId: string;
  talkId: string | null;
  userId: string;
  body: string;
  createdAt: Date;
  mediaOffsetMs: number | null;
  user: {
    name: string;
    memberships: { role: string }[];
    speakers: { talks: { talkId: string }[] }[];
  };
  reactions: { emoji: string }[];
};

// Same rule as badgeOf (get-chat-room-access.ts), from the rows loaded with the message.
function badgeFromRows(message: SelectedMessage): AuthorBadge {
  if (message.user.memberships.some((m) => m.role === "ORGANIZER")) return "organizer";
  const talks = message.user.speakers.flatMap((s) => s.talks.map((t) => t.talkId));
  if (message.talkId ? talks.includes(message.talkId) : talks.length > 0) {
    return "speaker";
  }
  return null;
}

export function countReactions(rows: { emoji: string }[]): { emoji: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.emoji, (counts.get(r.emoji) ?? 0) + 1);
  return [...counts].map(([emoji, count]) => ({ emoji, count }));
}

export function toMessageView(message: SelectedMessage): ChatMessageView {
  return {
    id: message.id.toString(),
    roomKey: roomKeyOf(message),
    conferenceId: message.conferenceId,
    talkId: message.talkId,
    author: { id: message.userId, name: message.user.name, badge: badgeFromRows(message) },
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    mediaOffsetMs: message.mediaOffsetMs,
    reactions: countReactions(message.reactions),
  };
}
