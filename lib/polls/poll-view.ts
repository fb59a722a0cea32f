import type { PollView } from "./schemas";

export const pollSelect = {
  id: true,
  talkId: true,
  question: true,
  multiple: true,
  status: true,
  createdAt: true,
  options: { select: { id: true, label: true, votes: true }, orderBy: { position: "asc" } },
  _count: { select: { ballots: true } },
} as const;

type SelectedPoll = {
  id: string;
  talkId: string;
  question: string;
  multiple: boolean;
  status: "OPEN" | "CLOSED";
  createdAt: Date;
  options: { id: string; label: string; votes: number }[];
  _count: { ballots: number };
};

export function toPollView(poll: SelectedPoll, withResults: boolean): PollView {
  return {
    id: poll.id,
    talkId: poll.talkId,
    question: poll.question,
    multiple: poll.multiple,
    status: poll.status,
    createdAt: poll.createdAt.toISOString(),
    options: poll.options.map((o) => (withResults ? { id: o.id, label: o.label, votes: o.votes } : { id: o.id, label: o.label })),
    ...(withResults ? { totalBallots: poll._count.ballots } : {}),
  };
}
