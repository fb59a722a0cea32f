import { z } from "zod";
import { safeText } from "@/lib/validation/text";

// Chat payload schemas, shared by the realtime server's handlers and the browser components.

const Id = z.string().min(1).max(64);
/** Message ids are BigInt in PostgreSQL; they travel as decimal strings (JSON has no bigint). */
export const MessageId = z.string().regex(/^\d{1,19}$/, "must be a message id");

/**
 * A chat room: one per talk, plus one hallway channel per conference.
 * Exactly one of talkId / conferenceId.
 */
export const ChatRoomRef = z.union([z.object({ talkId: Id }).strict(), z.object({ conferenceId: Id }).strict()]);
export type ChatRoomRef = z.infer<typeof ChatRoomRef>;

export const MESSAGE_MAX_LENGTH = 500;

export const SendMessageInput = z
  .object({
    room: ChatRoomRef,
    body: safeText({
      max: MESSAGE_MAX_LENGTH,
      min: 1,
      multiline: true,
      tooLong: `must be at most ${MESSAGE_MAX_LENGTH} characters`,
      tooShort: "must not be empty",
    }),
  })
  .strict();
export type SendMessageInput = z.infer<typeof SendMessageInput>;

export const JoinChatInput = z.object({ room: ChatRoomRef }).strict();
export type JoinChatInput = z.infer<typeof JoinChatInput>;

export const HISTORY_PAGE = 50;

export const ListMessagesInput = z
  .object({
    room: ChatRoomRef,
    // "load earlier": messages before this id; resume after a drop: messages after this id.
    beforeId: MessageId.optional(),
    afterId: MessageId.optional(),
    limit: z.number().int().min(1).max(200).default(HISTORY_PAGE),
  })
  .strict()
  .refine((v) => !(v.beforeId && v.afterId), "beforeId and afterId cannot be combined");
export type ListMessagesInput = z.infer<typeof ListMessagesInput>;

export const ListReplayMessagesInput = z.object({ talkId: Id }).strict();
export type ListReplayMessagesInput = z.infer<typeof ListReplayMessagesInput>;

// A closed set: reactions are counted per emoji, and free text here would be a second chat.
export const REACTION_EMOJI = ["👍", "❤️", "😂", "🎉", "👏", "🤔", "🔥", "👀"] as const;
export type ReactionEmoji = (typeof REACTION_EMOJI)[number];
export const isReactionEmoji = (emoji: string): emoji is ReactionEmoji => (REACTION_EMOJI as readonly string[]).includes(emoji);
export const ReactInput = z.object({ messageId: MessageId, emoji: z.enum(REACTION_EMOJI), on: z.boolean() }).strict();
export type ReactInput = z.infer<typeof ReactInput>;

export const DeleteMessageInput = z.object({ messageId: MessageId }).strict();
export type DeleteMessageInput = z.infer<typeof DeleteMessageInput>;

/** Mute (for a while) or ban (until lifted). Speakers may mute from their own talk's room. */
export const SanctionUserInput = z
  .object({
    room: ChatRoomRef,
    userId: Id,
    kind: z.enum(["MUTE", "BAN"]),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .optional(),
    reason: safeText({ max: 200 }).default(""),
  })
  .strict()
  .refine((v) => v.kind === "BAN" || v.minutes !== undefined, { message: "a mute needs minutes", path: ["minutes"] });
export type SanctionUserInput = z.infer<typeof SanctionUserInput>;

export const LiftSanctionInput = z.object({ conferenceId: Id, userId: Id }).strict();
export type LiftSanctionInput = z.infer<typeof LiftSanctionInput>;

export const SetSlowModeInput = z.object({ room: ChatRoomRef, seconds: z.number().int().min(0).max(3600) }).strict();
export type SetSlowModeInput = z.infer<typeof SetSlowModeInput>;

export const SetRateLimitInput = z
  .object({
    conferenceId: Id,
    burst: z.number().int().min(1).max(100),
    intervalMs: z
      .number()
      .int()
      .min(100)
      .max(10 * 60 * 1000),
  })
  .strict();
export type SetRateLimitInput = z.infer<typeof SetRateLimitInput>;

export const AnnounceInput = z
  .object({
    conferenceId: Id,
    body: safeText({ min: 1, max: 300, multiline: true }),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
  })
  .strict();
export type AnnounceInput = z.infer<typeof AnnounceInput>;

export const ConferenceInput = z.object({ conferenceId: Id }).strict();
export type ConferenceInput = z.infer<typeof ConferenceInput>;

// ---- What the server sends ----

export type AuthorBadge = "organizer" | "speaker" | null;

export type ChatMessageView = {
  id: string;
  roomKey: string;
  conferenceId: string;
  talkId: string | null;
  author: { id: string; name: string; badge: AuthorBadge };
  body: string;
  createdAt: string;
  mediaOffsetMs: number | null;
  reactions: { emoji: string; count: number }[];
};

export type ChatBatchEvent =
  | { type: "message"; message: ChatMessageView }
  | { type: "delete"; roomKey: string; messageId: string }
  | { type: "reaction"; roomKey: string; messageId: string; emoji: string; count: number; userId: string; on: boolean };

export type AnnouncementView = { id: string; conferenceId: string; body: string; createdAt: string; expiresAt: string | null };

export type RoomSettingsView = { roomKey: string; slowModeSeconds: number; burst: number; intervalMs: number };

/** Stable key of a chat room, also its socket.io room name and its ChatRoomSettings id. */
export function roomKeyOf(room: { talkId: string | null } & { conferenceId: string }): string {
  return room.talkId ? `talk:${room.talkId}` : `hallway:${room.conferenceId}`;
}
