import { z } from "zod";
import { safeText } from "@/lib/validation/text";

const Id = z.string().min(1).max(64);

export const CreatePollInput = z
  .object({
    talkId: Id,
    question: safeText({ min: 3, max: 200 }),
    options: z
      .array(safeText({ min: 1, max: 100 }))
      .min(2, "needs at least 2 options")
      .max(10),
    multiple: z.boolean().default(false),
  })
  .strict()
  .refine((v) => new Set(v.options.map((o) => o.toLowerCase())).size === v.options.length, { message: "options must differ", path: ["options"] });
export type CreatePollInput = z.infer<typeof CreatePollInput>;

export const VotePollInput = z.object({ pollId: Id, optionIds: z.array(Id).min(1).max(10) }).strict();
export type VotePollInput = z.infer<typeof VotePollInput>;

export const ClosePollInput = z.object({ pollId: Id }).strict();
export type ClosePollInput = z.infer<typeof ClosePollInput>;

export const ListPollsInput = z.object({ talkId: Id }).strict();
export type ListPollsInput = z.infer<typeof ListPollsInput>;

/** Results (votes, total) are only present when this viewer may see them: after voting, when closed, or as a moderator. */
export type PollView = {
  id: string;
  talkId: string;
  question: string;
  multiple: boolean;
  status: "OPEN" | "CLOSED";
  createdAt: string;
  options: { id: string; label: string; votes?: number }[];
  totalBallots?: number;
};
