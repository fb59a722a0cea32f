import { prisma } from "@/lib/db/client";
import { assertChatAccess, getChatRoomAccessOrThrow } from "@/lib/chat/get-chat-room-access";
import { pollSelect, toPollView } from "./poll-view";

/** A talk's polls, newest first, with results where this viewer may see them, and their own choices. */
export async function listPolls(options: { talkId: string; userId: string | null }) {
  const access = await getChatRoomAccessOrThrow({ room: { talkId: options.talkId }, userId: options.userId });
  assertChatAccess(access, "read");
  const [polls, ballots] = await Promise.all([
    prisma.poll.findMany({ where: { talkId: options.talkId }, select: pollSelect, orderBy: { createdAt: "desc" }, take: 50 }),
    options.userId
      ? prisma.pollBallot.findMany({ where: { userId: options.userId, poll: { talkId: options.talkId } }, select: { pollId: true, optionIds: true } })
      : Promise.resolve([]),
  ]);
  const mine = new Map(ballots.map((b) => [b.pollId, b.optionIds]));
  return {
    polls: polls.map((p) => toPollView(p, access.canModerate || p.status === "CLOSED" || mine.has(p.id))),
    myChoices: Object.fromEntries(mine),
  };
}
