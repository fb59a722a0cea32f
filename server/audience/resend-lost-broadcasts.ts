import { chatRoomOfKey, listMessagesStoredBetween } from "@/lib/chat/list-messages-stored-between";
import { logger } from "@/lib/logging/logger";
import type { PlenaryServer } from "../socket/types";

// A node acknowledges a message once it is stored, then broadcasts it with its room's next batch
// (at most a batch window later). Killed in between, the message is stored but never reached the
// other nodes' viewers, who have no reason to catch up: their connection is fine.
const BEFORE_MS = 3_000; // batches still open when the node last reported itself alive
const AFTER_MS = 5_000; // the node dies before its next report (every 2 s), plus clock differences

/**
 * Another node died (its presence entry expired, last refreshed at `lastSeenMs`): every chat room
 * with viewers on this node gets the messages stored around that time again, as one batch.
 * Viewers keep each message once by id, so what they had is not shown twice.
 */
export async function resendLostBroadcasts(io: PlenaryServer, lastSeenMs: number): Promise<void> {
  const from = new Date(lastSeenMs - BEFORE_MS);
  const to = new Date(lastSeenMs + AFTER_MS);
  for (const roomKey of [...io.of("/").adapter.rooms.keys()]) {
    const room = chatRoomOfKey(roomKey);
    if (!room) continue;
    try {
      const messages = await listMessagesStoredBetween({ room, from, to });
      if (messages.length)
        io.local.to(roomKey).emit(
          "chat:batch",
          messages.map((message) => ({ type: "message" as const, message })),
        );
    } catch (error) {
      logger.error({ err: error, roomKey }, "could not resend a dead node's chat messages");
    }
  }
}
