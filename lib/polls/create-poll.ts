import { prisma } from "@/lib/db/client";
import { assertChatAccess, getChatRoomAccessOrThrow } from "@/lib/chat/get-chat-room-access";
import { pollSelect, toPollView } from "./poll-view";
import type { CreatePollInput } from "./schemas";

/** The talk's speaker or an organizer opens a single- or multiple-choice poll. */
export async function createPoll(options: CreatePollInput & { userId: string }) {
  const access = await getChatRoomAccessOrThrow({ room: { talkId: options.talkId }, userId: options.userId });
  assertChatAccess(access, "moderate");
  const poll = await prisma.poll.create({
    data: {
      talkId: options.talkId,
      createdById: options.userId,
      question: options.question,
      multiple: options.multiple,
      options: { create: options.options.map((label, position) => ({ label, position })) },
    },
    select: pollSelect,
  });
  // Attendees see the options; the talk's moderators follow the (still empty) results.
  return { poll: toPollView(poll, false), pollWithResults: toPollView(poll, true) };
}
