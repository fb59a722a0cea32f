import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { can, isOrganizer } from "@/lib/permissions/can";
import { getViewer } from "@/lib/permissions/get-viewer";
import { assertChatAccess, getChatRoomAccessOrThrow } from "./get-chat-room-access";
import type { SanctionUserInput } from "./schemas";

/**
 * Mutes an account for some minutes or bans it from the conference's chat. Both are keyed by
 * account (not display name), so renaming does not escape them. Speakers may mute from their own
 * talk's room, and their mute holds in that room only; banning, conference-wide mutes and
 * sanctioning from the hallway are for organizers.
 */
export async function sanctionUser(options: SanctionUserInput & { moderatorId: string }) {
  const access = await getChatRoomAccessOrThrow({ room: options.room, userId: options.moderatorId });
  assertChatAccess(access, "moderate");
  const { conferenceId } = access.room;
  if (options.kind === "BAN" && !can(access.viewer, "conference:moderate-chat")) {
    throw new AppError("FORBIDDEN", "Only organizers can ban");
  }
  if (options.userId === options.moderatorId) throw new AppError("INVALID_INPUT", "You cannot sanction yourself");
  const target = await prisma.user.findUnique({ where: { id: options.userId }, select: { id: true } });
  if (!target) throw notFound("User");
  if (isOrganizer(await getViewer({ conferenceId, userId: target.id }))) throw new AppError("FORBIDDEN", "Organizers cannot be muted or banned");

  const until = options.kind === "MUTE" ? new Date(Date.now() + (options.minutes ?? 10) * 60_000) : null;
  const talkId = can(access.viewer, "conference:moderate-chat") ? null : access.room.talkId;
  const sanction = await prisma.chatSanction.create({
    data: { conferenceId, talkId, userId: options.userId, kind: options.kind, until, reason: options.reason, createdById: options.moderatorId },
    select: { id: true, kind: true, until: true, conferenceId: true, talkId: true, userId: true },
  });
  return { sanction: { ...sanction, until: sanction.until?.toISOString() ?? null } };
}
