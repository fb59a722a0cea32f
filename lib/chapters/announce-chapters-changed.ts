import { publishDomainEvent } from "@/lib/realtime/notify";
import { logger } from "@/lib/logging/logger";

/**
 * Tells the realtime nodes that a talk's chapters changed (after the change is stored): each pushes
 * the new list to the viewers in the talk's room. The change stands if the announcement fails:
 * viewers then see it at their next load or reconnect, as before pushes existed.
 */
export async function announceChaptersChanged(options: { talkId: string; conferenceId: string }): Promise<void> {
  await publishDomainEvent({ type: "chapters:changed", talkId: options.talkId, conferenceId: options.conferenceId }).catch((error: unknown) =>
    logger.error({ detail: error instanceof Error ? error.message : error, talkId: options.talkId }, "could not announce a chapters change"),
  );
}
