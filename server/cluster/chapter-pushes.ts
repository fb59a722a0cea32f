import { rooms } from "@/lib/realtime/events";
import { listChaptersOfTalk } from "@/lib/chapters/list-chapters-of-talk";
import { logger } from "@/lib/logging/logger";
import type { PlenaryServer } from "../socket/types";

/**
 * Pushes a talk's chapter list to this node's sockets in the talk's room (`talk:chapters`) when the
 * `chapters:changed` domain event arrives. The event carries ids only (NOTIFY's 8 KB), so the node
 * reads the list: once per node, not once per viewer, and not at all without local viewers.
 * Reads of one talk never overlap: changes that arrive during a read are coalesced into one more
 * read after it, so the last push always holds the latest list (a slow earlier read cannot
 * overwrite a newer one).
 */
export function createChapterPushes(options: { io: PlenaryServer }) {
  const inFlight = new Map<string, { again: boolean }>();

  const hasLocalViewers = (talkId: string) => (options.io.of("/").adapter.rooms.get(rooms.talk(talkId))?.size ?? 0) > 0;

  const run = async (talkId: string) => {
    const state = { again: false };
    inFlight.set(talkId, state);
    try {
      do {
        state.again = false;
        if (!hasLocalViewers(talkId)) continue;
        const chapters = await listChaptersOfTalk({ talkId });
        options.io.local.to(rooms.talk(talkId)).emit("talk:chapters", { talkId, chapters });
      } while (state.again);
    } catch (error) {
      logger.error({ detail: error instanceof Error ? error.message : error, talkId }, "could not push a talk's chapters");
    } finally {
      inFlight.delete(talkId);
    }
  };

  return {
    /** A talk's chapters changed: push the list (now, or after the read under way). */
    changed(talkId: string): void {
      const running = inFlight.get(talkId);
      if (running) running.again = true;
      else void run(talkId);
    },
  };
}
