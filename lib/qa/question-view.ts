import type { QuestionView } from "./schemas";

export const questionSelect = {
  id: true,
  talkId: true,
  body: true,
  userId: true,
  status: true,
  answered: true,
  pinned: true,
  upvotes: true,
  createdAt: true,
  user: { select: { name: true } },
} as const;

export function toQuestionView(q: {
  id: string;
  talkId: string;
  body: string;
  userId: string;
  status: QuestionView["status"];
  answered: boolean;
  pinned: boolean;
  upvotes: number;
  createdAt: Date;
  user: { name: string };
}): QuestionView {
  return {
    id: q.id,
    talkId: q.talkId,
    body: q.body,
    author: { id: q.userId, name: q.user.name },
    status: q.status,
    answered: q.answered,
    pinned: q.pinned,
    upvotes: q.upvotes,
    createdAt: q.createdAt.toISOString(),
  };
}
