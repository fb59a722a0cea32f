import { z } from "zod";
import { prisma } from "@/lib/db/client";

// Domain changes made in any process (web app, realtime node, worker) reach every realtime node
// through PostgreSQL NOTIFY: no extra infrastructure, and it works with one node or many.
export const NOTIFY_CHANNEL = "plenary_events";

export const DomainEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("talk:status"),
    talkId: z.string(),
    conferenceId: z.string(),
    status: z.enum(["SCHEDULED", "LIVE", "ENDED"]),
    at: z.string(),
  }),
  z.object({ type: z.literal("schedule:changed"), conferenceId: z.string(), talkId: z.string().optional(), at: z.string() }),
  z.object({ type: z.literal("recording:changed"), talkId: z.string(), conferenceId: z.string(), at: z.string() }),
  // A talk's chapters were added, changed or removed: each node reads the list once and pushes it to
  // its sockets in the talk's room as `talk:chapters` (lib/chapters/events.ts).
  z.object({ type: z.literal("chapters:changed"), talkId: z.string(), conferenceId: z.string() }),
  // A sign-in session ended (sign-out, revoked, deleted): sockets opened with it are dropped.
  z.object({ type: z.literal("session:ended"), sessionId: z.string() }),
  // An account lost rights in a conference (a ticket revoked): its sockets reconnect and are re-checked.
  z.object({ type: z.literal("access:changed"), conferenceId: z.string(), userId: z.string() }),
  // A node was refused a talk's ingest lease: the holder lets go if nobody publishes there.
  z.object({ type: z.literal("ingest:release-requested"), talkId: z.string() }),
  // "End talk" (or the auto-end clock) on a node that does not ingest the talk: its holder ends it.
  z.object({ type: z.literal("ingest:finish-requested"), talkId: z.string() }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;

export async function publishDomainEvent(event: DomainEvent): Promise<void> {
  // NOTIFY payloads are limited to 8000 bytes: events carry ids, never content.
  await prisma.$executeRaw`SELECT pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify(event)})`;
}
