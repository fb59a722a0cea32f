import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { assertChatAccess, getChatRoomAccessOrThrow } from "@/lib/chat/get-chat-room-access";
import { findActiveSanction } from "@/lib/chat/find-active-sanction";
import { pollSelect, toPollView } from "./poll-view";

/**
 * One ballot per person per poll (the ballot's primary key makes it so, also under concurrent
 * clicks); counts move in the same transaction as the ballot.
 */
export async function votePoll(options: { pollId: string; optionIds: string[]; userId: string }) {
  const poll = await prisma.poll.findUnique({
    where: { id: options.pollId },
    select: { id: true, talkId: true, status: true, multiple: true, options: { select: { id: true } } },
  });
  if (!poll) throw notFound("Poll");
  const access = await getChatRoomAccessOrThrow({ room: { talkId: poll.talkId }, userId: options.userId });
  assertChatAccess(access, "chat");
  // A ban keeps an account out of the conference's audience features; a mute only stops its words.
  const sanction = await findActiveSanction({ conferenceId: access.room.conferenceId, userId: options.userId, talkId: access.room.talkId });
  if (sanction?.kind === "BAN") throw new AppError("FORBIDDEN", "You are banned from this conference's chat, polls and Q&A");
  if (poll.status !== "OPEN") throw new AppError("GONE", "This poll is closed");
  const chosen = [...new Set(options.optionIds)];
  if (!poll.multiple && chosen.length !== 1) throw new AppError("INVALID_INPUT", "Choose exactly one option");
  const valid = new Set(poll.options.map((o) => o.id));
  if (chosen.some((id) => !valid.has(id))) throw new AppError("INVALID_INPUT", "Unknown option for this poll");

  const updated = await prisma.$transaction(async (tx) => {
    const inserted =
      await tx.$executeRaw`INSERT INTO "PollBallot" ("pollId", "userId", "optionIds") VALUES (${poll.id}, ${options.userId}, ${chosen}) ON CONFLICT DO NOTHING`;
    if (inserted === 0) throw new AppError("CONFLICT", "You already voted in this poll");
    await tx.pollOption.updateMany({ where: { id: { in: chosen } }, data: { votes: { increment: 1 } } });
    return tx.poll.findUniqueOrThrow({ where: { id: poll.id }, select: pollSelect });
  });
  return { poll: toPollView(updated, true), myChoice: chosen };
}
