import { clientEvent } from "@/lib/realtime/contract";
import { AskQuestionInput, ListQuestionsInput, ModerateQuestionInput, SetQaModerationInput, VoteQuestionInput, type QuestionView } from "./schemas";

export type QaSettings = { talkId: string; moderated: boolean };

export const qaClientEvents = {
  "qa:list": clientEvent(ListQuestionsInput).acks<{ questions: QuestionView[]; myVotes: string[]; moderated: boolean }>(),
  "qa:ask": clientEvent(AskQuestionInput).acks<{ question: QuestionView }>(),
  "qa:vote": clientEvent(VoteQuestionInput).acks<{ question: QuestionView; voted: boolean }>(),
  "qa:moderate": clientEvent(ModerateQuestionInput).acks<{ question: QuestionView; previousStatus: QuestionView["status"] }>(),
  "qa:set-moderation": clientEvent(SetQaModerationInput).acks<QaSettings>(),
};

export type QaServerEvents = {
  "qa:question": (question: QuestionView) => void;
  /** A question left this viewer's list (rejected or sent back to the queue). */
  "qa:removed": (removed: { talkId: string; questionId: string }) => void;
  "qa:settings": (settings: QaSettings) => void;
};
