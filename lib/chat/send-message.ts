import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertChatAccess, getChatRoomAccessOrThrow } from "./get-chat-room-access";
import { getRoomLimits } from "./get-room-limits";
import { findActiveSanction } from "./find-active-sanction";
import { computeMediaOffsetMs } from "./compute-media-offset";
import { chatRateLimiter, chatSlowMode } from "./rate-limiter";
import type { ChatMessageView, ChatRoomRef } from "./schemas";

/**
 * Posts a chat message: rights, rate limit, slow mode and sanctions, then the message is
 * persisted (with its position on the talk's media timeline) and returned for broadcast.
 * Cheap checks run first so a flood is refused before it touches the database.
 */
export async function sendMessage(options: { room: ChatRoomRef; author: { id: string; name: string }; body: string }): Promise<ChatMessageView> {
  const access = await getChatRoomAccessOrThrow({ room: options.room, userId: options.author.id });
  assertChatAccess(access, "chat");
  const { room } = access;

  if (!access.canModerate) {
    const limits = await getRoomLimits({ roomKey: room.key, conferenceId: room.conferenceId });
    const waitMs = chatRateLimiter.take(`${room.key}|${options.author.id}`, limits.burst, limits.intervalMs);
    if (waitMs > 0) throw new AppError("RATE_LIMITED", `Slow down: try again in ${Math.ceil(waitMs / 1000)} s`, { retryAfterMs: waitMs });
    const slowMs = chatSlowMode.pass(`${room.key}|${options.author.id}`, limits.slowModeSeconds);
    if (slowMs > 0) throw new AppError("RATE_LIMITED", `Slow mode is on: wait ${Math.ceil(slowMs / 1000)} s`, { retryAfterMs: slowMs });
  }

  const mediaOffsetMs = room.talkId ? await computeMediaOffsetMs({ talkId: room.talkId }) : null;
  const created = await insertUnlessSanctioned({
    conferenceId: room.conferenceId,
    talkId: room.talkId,
    userId: options.author.id,
    body: options.body,
    mediaOffsetMs,
  });
  if (!created) {
    const sanction = await findActiveSanction({ conferenceId: room.conferenceId, userId: options.author.id, talkId: room.talkId });
    throw new AppError(
      "FORBIDDEN",
      sanction?.kind === "BAN"
        ? "You are banned from this conference's chat"
        : `You are muted until ${sanction?.until?.toISOString() ?? "further notice"}`,
    );
  }
  return {
    id: created.id.toString(),
    roomKey: room.key,
    conferenceId: room.conferenceId,
    talkId: room.talkId,
    author: { id: options.author.id, name: options.author.name, badge: access.badge },
    body: options.body,
    createdAt: created.createdAt.toISOString(),
    mediaOffsetMs,
    reactions: [],
  };
}

/**
 * The message row, written only if no mute or ban is in force (the rule of find-active-sanction.ts,
 * checked by PostgreSQL in the same statement): one round trip on the hot path of a busy chat, and
 * a sanction given on any node bites from the next message on. Null when one is in force.
 */
async function insertUnlessSanctioned(row: {
  conferenceId: string;
  talkId: string | null;
  userId: string;
  body: string;
  mediaOffsetMs: number | null;
}): Promise<{ id: bigint; createdAt: Date } | null> {
  const rows = await prisma.$queryRaw<{ id: bigint; createdAt: Date }[]>`
    INSERT INTO "ChatMessage" ("conferenceId", "talkId", "userId", "body", "mediaOffsetMs")
    SELECT ${row.conferenceId}::text, ${row.talkId}::text, ${row.userId}::text, ${row.body}::text, ${row.mediaOffsetMs}::int
    WHERE NOT EXISTS (
      SELECT 1 FROM "ChatSanction" s
      WHERE s."conferenceId" = ${row.conferenceId}::text AND s."userId" = ${row.userId}::text AND s."liftedAt" IS NULL
        AND (s."until" IS NULL OR s."until" > now())
        AND (s."talkId" IS NULL OR s."talkId" = ${row.talkId}::text)
    )
    RETURNING "id", "createdAt"`;
  return rows[0] ?? null;
}
