import { z } from "zod";
import { safeText } from "@/lib/validation/text";

const Id = z.string().min(1).max(64);

export const AskQuestionInput = z
  .object({ talkId: Id, body: safeText({ min: 3, max: 300, multiline: true, tooShort: "must be at least 3 characters" }) })
  .strict();
export type AskQuestionInput = z.infer<typeof AskQuestionInput>;

export const VoteQuestionInput = z.object({ questionId: Id, on: z.boolean().default(true) }).strict();
export type VoteQuestionInput = z.infer<typeof VoteQuestionInput>;

export const QUESTION_ACTIONS = ["approve", "reject", "answer", "unanswer", "pin", "unpin"] as const;
export const ModerateQuestionInput = z.object({ questionId: Id, action: z.enum(QUESTION_ACTIONS) }).strict();
export type ModerateQuestionInput = z.infer<typeof ModerateQuestionInput>;

export const ListQuestionsInput = z.object({ talkId: Id }).strict();
export type ListQuestionsInput = z.infer<typeof ListQuestionsInput>;

export const SetQaModerationInput = z.object({ talkId: Id, enabled: z.boolean() }).strict();
export type SetQaModerationInput = z.infer<typeof SetQaModerationInput>;

export type QuestionView = {
  id: string;
  talkId: string;
  body: string;
  author: { id: string; name: string };
  status: "PENDING" | "APPROVED" | "REJECTED";
  answered: boolean;
  pinned: boolean;
  upvotes: number;
  createdAt: string;
};

/** Pinned first, then open questions by votes, answered ones last; ties by age. */
export function compareQuestions(a: QuestionView, b: QuestionView): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.answered !== b.answered) return a.answered ? 1 : -1;
  if (a.upvotes !== b.upvotes) return b.upvotes - a.upvotes;
  return a.createdAt.localeCompare(b.createdAt);
}
