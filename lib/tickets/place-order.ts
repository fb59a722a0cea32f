import type pg from "pg";
import { getPool, type Order, type Ticket } from "@/lib/db/client";
import { runInOneExchange } from "@/lib/db/run-in-one-exchange";
import { newId } from "@/lib/db/new-id";
import { AppError } from "@/lib/errors/app-error";
import { forgetTicketType } from "./find-recent-ticket-type";
import { priceCheckout, type CheckoutQuote } from "./price-checkout";
import type { CheckoutInput } from "./schemas";

export type PlacedOrder = { order: Order; tickets: Ticket[]; quote: CheckoutQuote };

/**
 * Creates an order — and its tickets when nothing is left to pay — in one transaction.
 *
 * Quotas and code limits are enforced by PostgreSQL, never by read-then-write: the seat and the
 * code use are taken with conditional UPDATEs (`sold + q <= quota`, `redemptions + q <= max`)
 * that re-check every rule the quote was based on. A rush of attendees on one ticket type queues
 * on that row's lock, so the lock is taken last and held for as short as PostgreSQL allows: one
 * statement takes the code use and the seat and writes the order, its redemption and tickets,
 * and it is sent together with BEGIN and COMMIT (lib/db/run-in-one-exchange.ts), so PostgreSQL
 * commits the moment the statement completes, without waiting on this process. If a conditional
 * UPDATE matches no row, the order's ticket type is NULL, the statement fails, the transaction
 * aborts and COMMIT rolls it back: a failed checkout leaves nothing behind. The code row is
 * locked before the ticket type (cancel-order keeps the same order), so the two never deadlock.
 *
 * The per-attendee rules (a confirmed address, one unpaid order, a once-per-attendee code used
 * once) are conditions of that statement too; it runs after a transaction-scoped lock per
 * attendee, so two tabs of one attendee take turns and the second sees what the first committed.
 * Others never wait on it.
 */
export async function placeOrder(options: { conferenceId: string; userId: string; input: CheckoutInput; now?: Date }): Promise<PlacedOrder> {
  return attemptOrder({ ...options, now: options.now ?? new Date(), recentTicketType: true });
}

async function attemptOrder(options: {
  conferenceId: string;
  userId: string;
  input: CheckoutInput;
  now: Date;
  recentTicketType: boolean;
}): Promise<PlacedOrder> {
  const { conferenceId, userId, input, now } = options;
  // Priced from a ticket type read up to a second ago (a rush reads the row once a second, not per
  // attendee); if the statement refuses, the whole attempt runs once more from fresh reads.
  const quote = await priceCheckout({ conferenceId, userId, input, now, recentTicketType: options.recentTicketType });
  const { ticketType, quantity, discountCode } = quote;
  const settled = quote.totalCents === 0;

  const order: Order = {
    id: newId(),
    conferenceId,
    userId,
    ticketTypeId: ticketType.id,
    quantity,
    discountCodeId: discountCode?.id ?? null,
    status: settled ? "PAID" : "PENDING",
    subtotalCents: quote.subtotalCents,
    discountCents: quote.discountCents,
    totalCents: quote.totalCents,
    currency: quote.currency,
    stripeSessionId: null,
    createdAt: now,
    paidAt: settled ? now : null,
  };
  const tickets: Ticket[] = settled
    ? Array.from({ length: quantity }, () => ({
        id: newId(),
        conferenceId,
        orderId: order.id,
        ticketTypeId: ticketType.id,
        userId,
        status: "VALID",
        createdAt: now,
        revokedAt: null,
      }))
    : [];

  // The attendee's lock, then the one statement, in one exchange (lib/db/run-in-one-exchange.ts):
  // a checkout in a rush holds the hot row for that statement and its COMMIT, not for round trips.
  const statement = takeStatement({ now, order, tickets, quote, redemptionId: newId() });
  const [, taken] = await runInOneExchange([
    { text: "SELECT pg_advisory_xact_lock(hashtext($1))", values: [`plenary:order:${conferenceId}:${userId}`] },
    statement,
  ]);
  if (taken.status === "fulfilled") return { order, tickets, quote };
  if (!isLostRace(taken.reason)) throw taken.reason;
  if (options.recentTicketType) {
    forgetTicketType(ticketType.id);
    return attemptOrder({ ...options, recentTicketType: false });
  }

  // Lost: say exactly why, from what is committed now (one read: a rush can lose by the hundred).
  const { rows } = await getPool().query<{ confirmed: boolean | null; unpaid: boolean }>(
    `SELECT (SELECT "emailVerified" FROM "user" WHERE "id" = $2) AS confirmed,
            EXISTS (SELECT 1 FROM "Order" WHERE "conferenceId" = $1 AND "userId" = $2 AND "status" = 'PENDING') AS unpaid`,
    [conferenceId, userId],
  );
  if (!rows[0]?.confirmed) throw unconfirmedAddress();
  if (!settled && rows[0].unpaid) {
    throw new AppError("CONFLICT", "You already have an order awaiting payment: pay or cancel it under My tickets first");
  }
  await priceCheckout({ conferenceId, userId, input, now });
  throw new AppError("CONFLICT", "Prices or availability changed while you checked out; please review and try again");
}

function unconfirmedAddress(): AppError {
  return new AppError("FORBIDDEN", "Confirm your email address before getting a ticket: use the link we sent you, or send it again.");
}

/** A conditional UPDATE that matched nothing left the order without a ticket type (see takeStatement). */
function isLostRace(error: unknown): boolean {
  const e = error as pg.DatabaseError;
  return e?.code === "23502" && e.table === "Order" && e.column === "ticketTypeId";
}

/**
 * The one statement that takes the code use and the seat and writes the order with what belongs
 * to it. The seat is taken only if the code use was (EXISTS), which also locks the code first; the
 * order's ticket type comes from the seat, so no seat means NULL there and the statement fails.
 * The price and currency are part of the condition: an organizer's edit since the quote makes this
 * checkout retry rather than charge a price the attendee never saw. Timestamps are stored as UTC
 * `timestamp(3)`: compare in UTC whatever the session time zone.
 */
function takeStatement(options: { now: Date; order: Order; tickets: Ticket[]; quote: CheckoutQuote; redemptionId: string }) {
  const { order, tickets, quote } = options;
  const { ticketType, discountCode } = quote;
  const values: unknown[] = [];
  // Each value once, with its type: PostgreSQL cannot infer the type of a parameter it only compares.
  const named = new Map<string, string>();
  const param = (name: string, value: unknown, type: string) => {
    if (!named.has(name)) {
      values.push(value);
      named.set(name, `$${values.length}::${type}`);
    }
    return named.get(name)!;
  };
  const now = `(${param("now", options.now.toISOString(), "timestamptz")} AT TIME ZONE 'UTC')`;
  const quantity = param("quantity", order.quantity, "int");
  const ticketTypeId = param("ticketTypeId", ticketType.id, "text");

  // The per-attendee rules, in the same statement: it runs after the attendee's lock, so it sees
  // what their other checkouts committed. Tickets, receipts and the registration list name the
  // attendee by address, so it must be confirmed. One unpaid order per attendee, so nobody can
  // hoard seats with orders they never pay; a once-per-attendee code once.
  const confirmedRule = `AND EXISTS (SELECT 1 FROM "user" u WHERE u."id" = ${param("userId", order.userId, "text")} AND u."emailVerified")`;
  const unpaidRule =
    order.status === "PENDING"
      ? `AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."conferenceId" = ${param("conferenceId", order.conferenceId, "text")}
           AND o."userId" = ${param("userId", order.userId, "text")} AND o."status" = 'PENDING')`
      : "";
  const onceRule = discountCode?.oncePerAttendee
    ? `AND NOT EXISTS (SELECT 1 FROM "DiscountRedemption" r WHERE r."discountCodeId" = ${param("codeId", discountCode.id, "text")}
           AND r."userId" = ${param("userId", order.userId, "text")})`
    : "";
  const withCode = discountCode
    ? `code AS (
      UPDATE "DiscountCode" SET "redemptions" = "redemptions" + ${quantity}
      WHERE "id" = ${param("codeId", discountCode.id, "text")} AND "kind"::text = ${param("kind", discountCode.kind, "text")}
        AND "value" = ${param("value", discountCode.value, "int")}
        AND ("maxRedemptions" IS NULL OR "redemptions" + ${quantity} <= "maxRedemptions")
        AND ("validFrom" IS NULL OR "validFrom" <= ${now})
        AND ("validUntil" IS NULL OR "validUntil" > ${now})
        AND (NOT EXISTS (SELECT 1 FROM "_DiscountCodeToTicketType" s WHERE s."A" = "DiscountCode"."id")
             OR EXISTS (SELECT 1 FROM "_DiscountCodeToTicketType" s WHERE s."A" = "DiscountCode"."id" AND s."B" = ${ticketTypeId}))
      RETURNING "id"
    ),`
    : "";
  const seat = `seat AS (
      UPDATE "TicketType" SET "sold" = "sold" + ${quantity}
      WHERE "id" = ${ticketTypeId} AND "conferenceId" = ${param("conferenceId", order.conferenceId, "text")} AND "active"
        AND "priceCents" = ${param("priceCents", ticketType.priceCents, "int")} AND "currency" = ${param("currency", ticketType.currency, "text")}
        AND ("quota" IS NULL OR "sold" + ${quantity} <= "quota")
        AND ("salesStartAt" IS NULL OR "salesStartAt" <= ${now})
        AND ("salesEndAt" IS NULL OR "salesEndAt" > ${now})
        ${discountCode ? "AND EXISTS (SELECT 1 FROM code)" : ""}
        ${confirmedRule}
        ${unpaidRule}
        ${onceRule}
      RETURNING "id"
    )`;
  const placed = `placed AS (
      INSERT INTO "Order" ("id", "conferenceId", "userId", "ticketTypeId", "quantity", "discountCodeId", "status",
                           "subtotalCents", "discountCents", "totalCents", "currency", "createdAt", "paidAt")
      VALUES (${param("orderId", order.id, "text")}, ${param("conferenceId", null, "text")}, ${param("userId", order.userId, "text")},
              (SELECT "id" FROM seat), ${quantity}, ${discountCode ? '(SELECT "id" FROM code)' : "NULL"},
              ${param("status", order.status, "text")}::"OrderStatus", ${param("subtotal", order.subtotalCents, "int")},
              ${param("discount", order.discountCents, "int")}, ${param("total", order.totalCents, "int")}, ${param("currency", null, "text")},
              ${now}, ${order.paidAt ? now : "NULL"})
      RETURNING "id"
    )`;
  const redeemed = discountCode
    ? `, redeemed AS (
      INSERT INTO "DiscountRedemption" ("id", "discountCodeId", "orderId", "userId", "createdAt")
      VALUES (${param("redemptionId", options.redemptionId, "text")}, (SELECT "id" FROM code), ${param("orderId", null, "text")},
              ${param("userId", null, "text")}, ${now})
    )`
    : "";
  const issued = tickets.length
    ? `, issued AS (
      INSERT INTO "Ticket" ("id", "conferenceId", "orderId", "ticketTypeId", "userId", "status", "createdAt")
      SELECT t.id, ${param("conferenceId", null, "text")}, ${param("orderId", null, "text")}, ${ticketTypeId}, ${param("userId", null, "text")},
             'VALID'::"TicketStatus", ${now}
      FROM unnest(${param(
        "ticketIds",
        tickets.map((t) => t.id),
        "text[]",
      )}) AS t(id)
    )`
    : "";
  return { text: `WITH ${withCode} ${seat}, ${placed}${redeemed}${issued} SELECT "id" FROM placed`, values };
}
