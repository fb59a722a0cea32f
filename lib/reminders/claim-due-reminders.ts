import { prisma } from "@/lib/db/client";

export type ReminderChannel = "IN_APP" | "EMAIL";
export type ClaimedReminder = { id: string; userId: string; talkId: string; channel: ReminderChannel; startsAt: Date; attempts: number };

export type ClaimOptions = {
  now?: Date;
  /** How long a claim holds: a node that dies mid-send leaves the reminder to another after this. */
  leaseMs?: number;
  /** Attempts per reminder, the first included (a failing mail server is retried this often at most). */
  maxAttempts?: number;
  limit?: number;
};

export const CLAIM_DEFAULTS = { leaseMs: 120_000, maxAttempts: 3, limit: 200 } as const;

// Timestamps are stored as UTC wall time (timestamp without zone): compare with the instant made
// UTC, never with now() in whatever zone the database session runs.
const utc = (instant: Date) => instant.toISOString();

/**
 * Takes the reminders this node is to deliver now, on any number of nodes at once: each due
 * reminder goes to exactly one caller.
 *
 * New ones: one INSERT … ON CONFLICT DO NOTHING RETURNING per sweep. The row's unique key (account,
 * talk, channel, the talk's current start) decides: of two nodes inserting the same reminder,
 * PostgreSQL gives the row to one and the other's insert does nothing. A talk moved after starring
 * is due for its new start; one moved into the past, started, ended or deleted (favourites go with
 * it) is not due at all.
 * Retries (a failed mail, or a claim whose node died): UPDATE … FOR UPDATE SKIP LOCKED, so two
 * nodes sweeping at once take disjoint rows; the claim pushes `nextAttemptAt` ahead by the lease.
 */
export async function claimDueReminders(options: ClaimOptions = {}): Promise<ClaimedReminder[]> {
  const now = utc(options.now ?? new Date());
  const leaseMs = options.leaseMs ?? CLAIM_DEFAULTS.leaseMs;
  const maxAttempts = options.maxAttempts ?? CLAIM_DEFAULTS.maxAttempts;
  const limit = options.limit ?? CLAIM_DEFAULTS.limit;
  const fresh = await prisma.$queryRaw<ClaimedReminder[]>`
    WITH due AS (
      SELECT f."userId", f."talkId", c.channel, t."startsAt"
      FROM "Favourite" f
      JOIN "Talk" t ON t.id = f."talkId"
      CROSS JOIN LATERAL (VALUES ('IN_APP'::"ReminderChannel", f."remindInApp"), ('EMAIL'::"ReminderChannel", f."remindByEmail")) AS c(channel, wanted)
      WHERE c.wanted
        AND t.status = 'SCHEDULED'
        AND t."startsAt" > (${now}::timestamptz AT TIME ZONE 'UTC')
        AND t."startsAt" - make_interval(mins => f."remindMinutes") <= (${now}::timestamptz AT TIME ZONE 'UTC')
        AND NOT EXISTS (
          SELECT 1 FROM "TalkReminder" r
          WHERE r."userId" = f."userId" AND r."talkId" = f."talkId" AND r.channel = c.channel AND r."startsAt" = t."startsAt"
        )
      ORDER BY t."startsAt"
      LIMIT ${limit}::int
    )
    INSERT INTO "TalkReminder" ("id", "userId", "talkId", "channel", "startsAt", "attempts", "nextAttemptAt")
    SELECT 'r' || replace(gen_random_uuid()::text, '-', ''), "userId", "talkId", channel, "startsAt", 1,
      (${now}::timestamptz AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000}::float8)
    FROM due
    ON CONFLICT ("userId", "talkId", "channel", "startsAt") DO NOTHING
    RETURNING "id", "userId", "talkId", "channel", "startsAt", "attempts"`;
  const retried = await prisma.$queryRaw<ClaimedReminder[]>`
    UPDATE "TalkReminder" r
    SET "attempts" = r."attempts" + 1,
        "nextAttemptAt" = (${now}::timestamptz AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000}::float8)
    FROM (
      SELECT r2.id
      FROM "TalkReminder" r2
      JOIN "Talk" t ON t.id = r2."talkId"
      WHERE r2."sentAt" IS NULL AND r2."failedAt" IS NULL
        AND r2."nextAttemptAt" <= (${now}::timestamptz AT TIME ZONE 'UTC')
        AND r2."attempts" < ${maxAttempts}::int
        AND t.status = 'SCHEDULED' AND t."startsAt" = r2."startsAt"
        AND t."startsAt" > (${now}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY r2."nextAttemptAt"
      LIMIT ${limit}::int
      FOR UPDATE OF r2 SKIP LOCKED
    ) due
    WHERE r.id = due.id
    RETURNING r."id", r."userId", r."talkId", r."channel", r."startsAt", r."attempts"`;
  return [...fresh, ...retried];
}
