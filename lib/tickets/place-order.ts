import type pg from "pg";
import { getPool, type Order, type Ticket } from "@/lib/db/client";
import { runInOneExchange } from "@/lib/db/run-in-one-exchange";
import { newId } from "@/lib/db/new-id";
import { AppError } from "@/lib/errors/app-error";
import { KeyedQueue } from "@/lib/concurrency/keyed-queue";
import { forgetTicketType } from "./find-recent-ticket-type";
import { priceCheckout, type CheckoutQuote } from "./price-checkout";
import type { CheckoutInput } from "./schemas";

export type PlacedOrder = { order: Order; tickets: Ticket[]; quote: CheckoutQuote };

/**
 * Checkouts of one ticket type this process sends to PostgreSQL at a time (lib/concurrency/keyed-queue.ts).
 * They queue on the ticket type's row anyway; waiting here instead of as backends asleep on the row
 * lock halved PostgreSQL's CPU per checkout in bench:checkout (a rush of 200 on a pool of 20). With
 * 3 the next checkout is already at the row when one commits: 1 left the row idle between
 * checkouts (0.62 × the bare seat-taking rate), 2–4 measured 0.76–0.88 ×, unlimited 0.55 ×.
 */
const SEAT_TAKERS_PER_TICKET_TYPE = 3;
const seatTakers = new KeyedQueue(SEAT_TAKERS_PER_TICKET_TYPE);

/**
 * Creates an order — and its tickets when nothing is left to pay — in one transaction.
 *
 * Quotas and code limits are enforced by PostgreSQL, never by read-then-write: the seat and the
 * code use are taken with conditional UPDATEs (`sold + q <= quota`, `redemptions + q <= max`)
 * that re-check every rule the quote was based on. A rush of attendees on one ticket type queues
 * on that row's lock, so the lock is taken last and held for as short as PostgreSQL allows:
 *   1. one statement writes the order, its redemption and tickets (their foreign-key checks run at
 *      the end of a statement, so they must not share one with the seat: they would run under its
 *      lock);
 *   2. one statement takes the code use and the seat, and nothing else;
 *   3. the commit.
 * All of it is one message to PostgreSQL (lib/db/run-in-one-exchange.ts), one transaction that
 * commits the moment the seat is taken, without waiting on this process: the hot row is locked
 * for one UPDATE and the commit's WAL flush, as in a bare seat-taking transaction.
 *
 * Either statement refuses by failing (see `refuseUnlessTaken`): the transaction rolls back, so a
 * failed checkout leaves nothing behind. The code row is locked before the ticket type
 * (cancel-order keeps the same order), so the two never deadlock. A rush of one ticket type
 * reaches PostgreSQL a few at a time (`seatTakers`).
 *
 * The per-attendee rules (a confirmed address, one unpaid order, a once-per-attendee code used
 * once) are conditions of the first statement; it runs after a transaction-scoped lock per
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

  // The attendee's lock, the order, then the seat, in one exchange (lib/db/run-in-one-exchange.ts):
  // a checkout in a rush holds the hot row for one UPDATE and the commit, not for round trips.
  const { write, take } = checkoutStatements({ now, order, tickets, quote, redemptionId: newId() });
  try {
    await seatTakers.run(ticketType.id, () =>
      runInOneExchange([
        { text: "SELECT pg_advisory_xact_lock(hashtext($1::text))", values: [`plenary:order:${conferenceId}:${userId}`] },
        write,
        take,
      ]),
    );
    return { order, tickets, quote };
  } catch (error) {
    if (!isLostRace(error)) throw error;
  }
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

/** A statement refused (`refuseUnlessTaken`): a rule, a seat or a code use was not there. */
function isLostRace(error: unknown): boolean {
  return (error as pg.DatabaseError)?.code === REFUSED;
}

/** division_by_zero: raised only by `refuseUnlessTaken` in the checkout's statements. */
const REFUSED = "22012";

/**
 * Ends a checkout statement so that it fails when `cte` returned no row: `1 / count(*)` raises
 * division_by_zero, which aborts the transaction (plain SQL has no other way to make a statement
 * that matched nothing an error, and a PL/pgSQL function would be one more migration to carry).
 */
function refuseUnlessTaken(cte: string): string {
  return `SELECT 1 / count(*) AS taken FROM ${cte}`;
}

/** Builds a statement's parameter list: each value once, with its type (PostgreSQL cannot infer the type of a parameter it only compares). */
function parameters() {
  const values: unknown[] = [];
  const named = new Map<string, string>();
  const param = (name: string, value: unknown, type: string) => {
    if (!named.has(name)) {
      values.push(value);
      named.set(name, `$${values.length}::${type}`);
    }
    return named.get(name)!;
  };
  return { values, param };
}

/**
 * The checkout's two statements (see placeOrder): `write` inserts the order, its redemption and
 * tickets if the attendee's rules hold; `take` takes the code use and the seat. The seat is taken
 * only if the code use was (EXISTS), which also locks the code first. The price and currency are
 * part of the condition: an organizer's edit since the quote makes this checkout retry rather than
 * charge a price the attendee never saw. Timestamps are stored as UTC `timestamp(3)`: compare in
 * UTC whatever the session time zone.
 */
function checkoutStatements(options: { now: Date; order: Order; tickets: Ticket[]; quote: CheckoutQuote; redemptionId: string }) {
  const { order, tickets, quote } = options;
  const { ticketType, discountCode } = quote;
  const at = (param: ReturnType<typeof parameters>["param"]) => `(${param("now", options.now.toISOString(), "timestamptz")} AT TIME ZONE 'UTC')`;

  // 1. The order and what belongs to it. The per-attendee rules are its condition: it runs after
  // the attendee's lock, so it sees what their other checkouts committed. Tickets, receipts and the
  // registration list name the attendee by address, so it must be confirmed. One unpaid order per
  // attendee, so nobody can hoard seats with orders they never pay; a once-per-attendee code once.
  const w = parameters();
  const now = at(w.param);
  const userId = w.param("userId", order.userId, "text");
  const conferenceId = w.param("conferenceId", order.conferenceId, "text");
  const orderId = w.param("orderId", order.id, "text");
  const rules = [
    `EXISTS (SELECT 1 FROM "user" u WHERE u."id" = ${userId} AND u."emailVerified")`,
    order.status === "PENDING"
      ? `NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."conferenceId" = ${conferenceId} AND o."userId" = ${userId} AND o."status" = 'PENDING')`
      : null,
    discountCode?.oncePerAttendee
      ? `NOT EXISTS (SELECT 1 FROM "DiscountRedemption" r WHERE r."discountCodeId" = ${w.param("codeId", discountCode.id, "text")} AND r."userId" = ${userId})`
      : null,
  ].filter(Boolean);
  const placed = `placed AS (
      INSERT INTO "Order" ("id", "conferenceId", "userId", "ticketTypeId", "quantity", "discountCodeId", "status",
                           "subtotalCents", "discountCents", "totalCents", "currency", "createdAt", "paidAt")
      SELECT ${orderId}, ${conferenceId}, ${userId}, ${w.param("ticketTypeId", ticketType.id, "text")}, ${w.param("quantity", order.quantity, "int")},
             ${discountCode ? w.param("codeId", discountCode.id, "text") : "NULL"}, ${w.param("status", order.status, "text")}::"OrderStatus",
             ${w.param("subtotal", order.subtotalCents, "int")}, ${w.param("discount", order.discountCents, "int")},
             ${w.param("total", order.totalCents, "int")}, ${w.param("currency", order.currency, "text")}, ${now}, ${order.paidAt ? now : "NULL"}
      WHERE ${rules.join(" AND ")}
      RETURNING "id"
    )`;
  const redeemed = discountCode
    ? `, redeemed AS (
      INSERT INTO "DiscountRedemption" ("id", "discountCodeId", "orderId", "userId", "createdAt")
      SELECT ${w.param("redemptionId", options.redemptionId, "text")}, ${w.param("codeId", discountCode.id, "text")}, "id", ${userId}, ${now} FROM placed
    )`
    : "";
  const issued = tickets.length
    ? `, issued AS (
      INSERT INTO "Ticket" ("id", "conferenceId", "orderId", "ticketTypeId", "userId", "status", "createdAt")
      SELECT t.id, ${conferenceId}, p."id", ${w.param("ticketTypeId", null, "text")}, ${userId}, 'VALID'::"TicketStatus", ${now}
      FROM placed p, unnest(${w.param(
        "ticketIds",
        tickets.map((t) => t.id),
        "text[]",
      )}) AS t(id)
    )`
    : "";
  const write = { text: `WITH ${placed}${redeemed}${issued} ${refuseUnlessTaken("placed")}`, values: w.values };

  // 2. The code use, then the seat: the hot rows, locked until the COMMIT right behind.
  const t = parameters();
  const takenAt = at(t.param);
  const quantity = t.param("quantity", order.quantity, "int");
  const ticketTypeId = t.param("ticketTypeId", ticketType.id, "text");
  const code = discountCode
    ? `code AS (
      UPDATE "DiscountCode" SET "redemptions" = "redemptions" + ${quantity}
      WHERE "id" = ${t.param("codeId", discountCode.id, "text")} AND "kind"::text = ${t.param("kind", discountCode.kind, "text")}
        AND "value" = ${t.param("value", discountCode.value, "int")}
        AND ("maxRedemptions" IS NULL OR "redemptions" + ${quantity} <= "maxRedemptions")
        AND ("validFrom" IS NULL OR "validFrom" <= ${takenAt})
        AND ("validUntil" IS NULL OR "validUntil" > ${takenAt})
        AND (NOT EXISTS (SELECT 1 FROM "_DiscountCodeToTicketType" s WHERE s."A" = "DiscountCode"."id")
             OR EXISTS (SELECT 1 FROM "_DiscountCodeToTicketType" s WHERE s."A" = "DiscountCode"."id" AND s."B" = ${ticketTypeId}))
      RETURNING "id"
    ),`
    : "";
  const seat = `seat AS (
      UPDATE "TicketType" SET "sold" = "sold" + ${quantity}
      WHERE "id" = ${ticketTypeId} AND "conferenceId" = ${t.param("conferenceId", order.conferenceId, "text")} AND "active"
        AND "priceCents" = ${t.param("priceCents", ticketType.priceCents, "int")} AND "currency" = ${t.param("currency", ticketType.currency, "text")}
        AND ("quota" IS NULL OR "sold" + ${quantity} <= "quota")
        AND ("salesStartAt" IS NULL OR "salesStartAt" <= ${takenAt})
        AND ("salesEndAt" IS NULL OR "salesEndAt" > ${takenAt})
        ${discountCode ? "AND EXISTS (SELECT 1 FROM code)" : ""}
      RETURNING "id"
    )`;
  const take = { text: `WITH ${code} ${seat} ${refuseUnlessTaken("seat")}`, values: t.values };
  return { write, take };
}
