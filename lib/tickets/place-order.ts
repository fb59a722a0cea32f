import { prisma, type Order, type Ticket } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { priceCheckout, type CheckoutQuote } from "./price-checkout";
import type { CheckoutInput } from "./schemas";

/** Thrown inside the transaction when a conditional update matched no row: someone got there first. */
class LostRace extends Error {}

export type PlacedOrder = { order: Order; tickets: Ticket[]; quote: CheckoutQuote };

/**
 * Creates an order — and its tickets when nothing is left to pay — in one transaction.
 *
 * Quotas and code limits are enforced by PostgreSQL, never by read-then-write: the seat and the
 * code use are taken with conditional UPDATEs (`sold + q <= quota`, `redemptions + q <= max`)
 * that re-check every rule the quote was based on. Concurrent checkouts queue on those row
 * locks; a loser's UPDATE matches no row and its whole transaction rolls back, so a failed
 * checkout leaves nothing behind. The hot rows are updated last and always in the same order
 * (code, then ticket type — cancel-order does the same), so their locks are held only until
 * commit and never deadlock; the code goes first because an exhausted code is the likelier
 * refusal, and failing there never queues on the ticket type's row.
 */
export async function placeOrder(options: { conferenceId: string; userId: string; input: CheckoutInput; now?: Date }): Promise<PlacedOrder> {
  const { conferenceId, userId, input } = options;
  const now = options.now ?? new Date();
  const quote = await priceCheckout({ conferenceId, userId, input, now });
  const { ticketType, quantity, discountCode } = quote;
  const settled = quote.totalCents === 0;
  // Timestamps are stored as UTC `timestamp(3)`: compare in UTC whatever the session time zone.
  const nowUtc = now.toISOString();

  try {
    const result = await prisma.$transaction(
      async (tx) => {
        if (!settled) {
          // One unpaid order per attendee, so nobody can hoard seats with orders they never pay.
          // A transaction-scoped lock per attendee serialises their checkouts (two tabs cannot
          // both pass the count); other attendees never wait on it.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`plenary:order:${conferenceId}:${userId}`}))`;
          const unpaid = await tx.order.findFirst({ where: { conferenceId, userId, status: "PENDING" }, select: { id: true } });
          if (unpaid) {
            throw new AppError("CONFLICT", "You already have an order awaiting payment: pay or cancel it under My tickets first");
          }
        }
        const order = await tx.order.create({
          data: {
            conferenceId,
            userId,
            ticketTypeId: ticketType.id,
            quantity,
            discountCodeId: discountCode?.id ?? null,
            status: settled ? "PAID" : "PENDING",
            paidAt: settled ? now : null,
            subtotalCents: quote.subtotalCents,
            discountCents: quote.discountCents,
            totalCents: quote.totalCents,
            currency: quote.currency,
            ...(discountCode ? { redemption: { create: { discountCodeId: discountCode.id, userId } } } : {}),
          },
        });
        const tickets = settled
          ? await tx.ticket.createManyAndReturn({
              data: Array.from({ length: quantity }, () => ({
                conferenceId,
                orderId: order.id,
                ticketTypeId: ticketType.id,
                userId,
              })),
            })
          : [];

        if (discountCode) {
          const uses = await tx.$executeRaw`
            UPDATE "DiscountCode" SET "redemptions" = "redemptions" + ${quantity}
            WHERE "id" = ${discountCode.id} AND "kind"::text = ${discountCode.kind} AND "value" = ${discountCode.value}
              AND ("maxRedemptions" IS NULL OR "redemptions" + ${quantity} <= "maxRedemptions")
              AND ("validFrom" IS NULL OR "validFrom" <= (${nowUtc}::timestamptz AT TIME ZONE 'UTC'))
              AND ("validUntil" IS NULL OR "validUntil" > (${nowUtc}::timestamptz AT TIME ZONE 'UTC'))
              AND (NOT EXISTS (SELECT 1 FROM "_DiscountCodeToTicketType" s WHERE s."A" = "DiscountCode"."id")
                   OR EXISTS (SELECT 1 FROM "_DiscountCodeToTicketType" s
                              WHERE s."A" = "DiscountCode"."id" AND s."B" = ${ticketType.id}))`;
          if (uses !== 1) throw new LostRace();
          if (discountCode.oncePerAttendee) {
            // We now hold the code's row lock, and this statement's snapshot is newer than any
            // checkout that held it before us: a second use by the same attendee is visible here.
            const earlier = await tx.discountRedemption.count({
              where: { discountCodeId: discountCode.id, userId, NOT: { orderId: order.id } },
            });
            if (earlier > 0) throw new LostRace();
          }
        }
        // The price and currency are part of the condition: an organizer's edit since the quote
        // makes this checkout retry rather than charge a price the attendee never saw.
        const seats = await tx.$executeRaw`
          UPDATE "TicketType" SET "sold" = "sold" + ${quantity}
          WHERE "id" = ${ticketType.id} AND "conferenceId" = ${conferenceId} AND "active"
            AND "priceCents" = ${ticketType.priceCents} AND "currency" = ${ticketType.currency}
            AND ("quota" IS NULL OR "sold" + ${quantity} <= "quota")
            AND ("salesStartAt" IS NULL OR "salesStartAt" <= (${nowUtc}::timestamptz AT TIME ZONE 'UTC'))
            AND ("salesEndAt" IS NULL OR "salesEndAt" > (${nowUtc}::timestamptz AT TIME ZONE 'UTC'))`;
        if (seats !== 1) throw new LostRace();

        return { order, tickets };
      },
      // 200 attendees at once queue for a pooled connection and then for the row lock.
      { maxWait: 60_000, timeout: 60_000 },
    );
    return { ...result, quote };
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    // Re-quote to tell the attendee exactly what changed (sold out, code used up...).
    await priceCheckout({ conferenceId, userId, input, now });
    throw new AppError("CONFLICT", "Prices or availability changed while you checked out; please review and try again");
  }
}
