import { prisma, type TicketType } from "@/lib/db/client";

/** How long a read serves later checkouts: a rush reads the row about once a second, not per attendee. */
const KEEP_MS = 1_000;
/** Ticket types are few; the bound only keeps a flood of made-up ids from growing the map. */
const MAX_KEPT = 1_000;

const kept = new Map<string, { read: Promise<TicketType | null>; until: number }>();

/**
 * A ticket type as read at most a second ago in this process (checkouts arriving together share
 * one read), for pricing a checkout. Only a starting point: the checkout's statement re-checks
 * price, quota, sale window and state, and a refusal is only ever decided from a fresh read
 * (price-checkout.ts, place-order.ts). Ids that match nothing are not kept.
 */
export async function findRecentTicketType(options: { ticketTypeId: string }): Promise<TicketType | null> {
  const now = Date.now();
  const hit = kept.get(options.ticketTypeId);
  if (hit && hit.until > now) return hit.read;
  if (kept.size >= MAX_KEPT) kept.clear();
  const read = prisma.ticketType.findUnique({ where: { id: options.ticketTypeId } });
  const entry = { read, until: now + KEEP_MS };
  kept.set(options.ticketTypeId, entry);
  const ticketType = await read.catch((error: unknown) => {
    if (kept.get(options.ticketTypeId) === entry) kept.delete(options.ticketTypeId);
    throw error;
  });
  if (!ticketType && kept.get(options.ticketTypeId) === entry) kept.delete(options.ticketTypeId);
  return ticketType;
}

/** Drops the kept read, so the next checkout reads the row again. */
export function forgetTicketType(ticketTypeId: string): void {
  kept.delete(ticketTypeId);
}
