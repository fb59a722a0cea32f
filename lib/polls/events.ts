import { clientEvent } from "@/lib/realtime/contract";
import { ClosePollInput, CreatePollInput, ListPollsInput, VotePollInput, type PollView } from "./schemas";

export const pollClientEvents = {
  "poll:list": clientEvent(ListPollsInput).acks<{ polls: PollView[]; myChoices: Record<string, string[]> }>(),
  "poll:create": clientEvent(CreatePollInput).acks<{ poll: PollView }>(),
  "poll:vote": clientEvent(VotePollInput).acks<{ poll: PollView; myChoice: string[] }>(),
  "poll:close": clientEvent(ClosePollInput).acks<{ poll: PollView }>(),
};

export type PollServerEvents = {
  /** A poll opened or closed (results only where this viewer may see them). */
  "poll:update": (poll: PollView) => void;
  /** Fresh counts for voters and moderators. */
  "poll:results": (poll: PollView) => void;
  /** This account voted in another tab. */
  "poll:voted": (vote: { pollId: string; optionIds: string[] }) => void;
};
