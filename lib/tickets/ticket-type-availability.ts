export type TicketTypeAvailability = "on-sale" | "sold-out" | "not-started" | "ended" | "inactive";

/**
 * Whether a ticket type is on sale at `now`, or why not. Sales run from their start (inclusive)
 * to their end (exclusive). place-order re-checks the same window in its conditional UPDATE.
 */
export function ticketTypeAvailability(
  ticketType: { active: boolean; salesStartAt: Date | null; salesEndAt: Date | null; quota: number | null; sold: number },
  now: Date,
): TicketTypeAvailability {
  if (!ticketType.active) return "inactive";
  if (ticketType.salesStartAt && ticketType.salesStartAt > now) return "not-started";
  if (ticketType.salesEndAt && ticketType.salesEndAt <= now) return "ended";
  if (ticketType.quota !== null && ticketType.sold >= ticketType.quota) return "sold-out";
  return "on-sale";
}
