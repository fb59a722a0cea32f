import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { assertChatAccess, getChatRoomAccessOrThrow } from "@/lib/chat/get-chat-room-access";
import { pollSelect, toPollView } from "./poll-view";

/** Closes a poll; its results then become visible to everyone. */
export async function closePoll(options: { pollId: string; userId: string }) {
  const found = await prisma.poll.findUnique({ where: { id: options.pollId }, select: { id: true, talkId: true } });
  if (!found) throw notFound("Poll");
  const access = await getChatRoomAccessOrThrow({ room: { talkId: found.talkId }, userId: options.userId });
  assertChatAccess(access, "moderate");
  const poll = await prisma.poll.update({ where: { id: found.id }, data: { status: "CLOSED", closedAt: new Date() }, select: pollSelect });
  return { poll: toPollView(poll, true) };
}
