import { clientEvent } from "@/lib/realtime/contract";
import type { TalkPresenceView } from "@/lib/presence/events";
import {
  AnnounceInput,
  ConferenceInput,
  DeleteMessageInput,
  JoinChatInput,
  LiftSanctionInput,
  ListMessagesInput,
  ListReplayMessagesInput,
  ReactInput,
  SanctionUserInput,
  SendMessageInput,
  SetRateLimitInput,
  SetSlowModeInput,
  type AnnouncementView,
  type ChatBatchEvent,
  type ChatMessageView,
  type RoomSettingsView,
} from "./schemas";

/** `talkId`: the talk whose room a speaker's mute holds in; null for the whole conference. */
export type SanctionView = { id: string; conferenceId: string; talkId: string | null; userId: string; kind: "MUTE" | "BAN"; until: string | null };
/** A sanction given (kind set) or lifted (kind null), pushed to the sanctioned account. */
export type SanctionChange = { conferenceId: string; talkId?: string | null; userId: string; kind: "MUTE" | "BAN" | null; until: string | null };
export type ReactionView = { roomKey: string; messageId: string; emoji: string; count: number; userId: string; on: boolean };

/** Everything a chat panel needs when it opens a room. */
export type ChatRoomJoined = {
  room: { key: string; conferenceId: string; talkId: string | null };
  canChat: boolean;
  canModerate: boolean;
  canBan: boolean;
  sanction: { kind: "MUTE" | "BAN"; until: string | null } | null;
  settings: RoomSettingsView;
  messages: ChatMessageView[];
  hasMore: boolean;
  presence: TalkPresenceView | null;
  me: { id: string; name: string } | null;
};

export const chatClientEvents = {
  "chat:join": clientEvent(JoinChatInput).acks<ChatRoomJoined>(),
  "chat:leave": clientEvent(JoinChatInput).acks(),
  "chat:history": clientEvent(ListMessagesInput).acks<{ messages: ChatMessageView[]; hasMore: boolean }>(),
  "chat:replay": clientEvent(ListReplayMessagesInput).acks<{ messages: ChatMessageView[] }>(),
  "chat:send": clientEvent(SendMessageInput).acks<{ message: ChatMessageView }>(),
  "chat:react": clientEvent(ReactInput).acks<{ reaction: ReactionView }>(),
  "chat:delete": clientEvent(DeleteMessageInput).acks<{ roomKey: string; messageId: string }>(),
  "chat:sanction": clientEvent(SanctionUserInput).acks<{ sanction: SanctionView }>(),
  "chat:lift": clientEvent(LiftSanctionInput).acks<{ lifted: number }>(),
  "chat:slow-mode": clientEvent(SetSlowModeInput).acks<{ settings: RoomSettingsView }>(),
  "chat:rate-limit": clientEvent(SetRateLimitInput).acks<{ conferenceId: string; burst: number; intervalMs: number }>(),
  "announcement:create": clientEvent(AnnounceInput).acks<{ announcement: AnnouncementView }>(),
  "announcement:clear": clientEvent(ConferenceInput).acks<{ conferenceId: string }>(),
  /** Public, like the banner itself. */
  "announcement:current": clientEvent(ConferenceInput).acks<{ announcement: AnnouncementView | null }>(),
};

export type ChatServerEvents = {
  /** A room's messages, deletions and reactions, one packet per batch. */
  "chat:batch": (events: ChatBatchEvent[]) => void;
  "chat:settings": (settings: RoomSettingsView) => void;
  "chat:sanctioned": (change: SanctionChange) => void;
  announcement: (announcement: AnnouncementView | { conferenceId: string; cleared: true }) => void;
};
