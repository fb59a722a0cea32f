import { prisma } from "@/lib/db/client";

// Whether a talk's Q&A holds new questions for approval. Stored as the presence of a
// ChatRoomSettings row keyed "qa-queue:<talkId>" so no schema change was needed; a dedicated
// column would be cleaner (see the chat report).
export const qaQueueKey = (talkId: string) => `qa-queue:${talkId}`;

export async function isQaModerated(talkId: string): Promise<boolean> {
  const row = await prisma.chatRoomSettings.findUnique({ where: { roomId: qaQueueKey(talkId) }, select: { roomId: true } });
  return row !== null;
}
