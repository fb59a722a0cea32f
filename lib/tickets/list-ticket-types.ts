import { prisma } from "@/lib/db/client";
import { ticketTypeAvailability, type TicketTypeAvailability } from "./ticket-type-availability";

export type TicketTypeSummary = {
  id: string;
  name: string;
  description: string;
  priceCents: number;
  currency: string;
  quota: number | null;
  sold: number;
  remaining: number | null;
  salesStartAt: Date | null;
  salesEndAt: Date | null;
  active: boolean;
  // "on-sale" | why not: for badges on the attendee page.
  availability: TicketTypeAvailability;
};

/** Ticket types of a conference, cheapest first. Attendees see active ones only. */
export async function listTicketTypes(options: { conferenceId: string; includeInactive?: boolean; now?: Date }): Promise<TicketTypeSummary[]> {
  const now = options.now ?? new Date();
  const rows = await prisma.ticketType.findMany({
    where: { conferenceId: options.conferenceId, ...(options.includeInactive ? {} : { active: true }) },
    orderBy: [{ priceCents: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((row) => {
    const remaining = row.quota === null ? null : Math.max(0, row.quota - row.sold);
    const availability = ticketTypeAvailability(row, now);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      priceCents: row.priceCents,
      currency: row.currency,
      quota: row.quota,
      sold: row.sold,
      remaining,
      salesStartAt: row.salesStartAt,
      salesEndAt: row.salesEndAt,
      active: row.active,
      availability,
    };
  });
}
