import type { Role } from "@/lib/db/generated/enums";
import type { Viewer } from "@/lib/permissions/can";
import type { ChatMessageView } from "./schemas";
import { roomKeyOf } from "./schemas";
import { authorBadge } from "./author-badge";

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
        emailVerified: true,
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
    emailVerified: boolean;
    memberships: { role: Role }[];
    speakers: { talks: { talkId: string }[] }[];
  };
  reactions: { emoji: string }[];
};

// The author as far as their badge goes, from the rows loaded with the message (a membership is
// unique per conference); the ticket plays no part in a badge.
function authorOf(message: SelectedMessage): Viewer {
  return {
    userId: message.userId,
    conferenceId: message.conferenceId,
    role: message.user.memberships[0]?.role ?? null,
    hasTicket: false,
    // Speaker profiles count for confirmed addresses only, as in getViewer: no "Speaker" badge for a squatter.
    speakerTalkIds: new Set(message.user.emailVerified ? message.user.speakers.flatMap((s) => s.talks.map((t) => t.talkId)) : []),
  };
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
    author: { id: message.userId, name: message.user.name, badge: authorBadge(authorOf(message), message.talkId) },
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    mediaOffsetMs: message.mediaOffsetMs,
    reactions: countReactions(message.reactions),
  };
}
