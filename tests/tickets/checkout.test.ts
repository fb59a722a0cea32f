import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createDiscountCode } from "@/lib/tickets/create-discount-code";
import { createTicketType } from "@/lib/tickets/create-ticket-type";
import { priceCheckout } from "@/lib/tickets/price-checkout";
import { placeOrder } from "@/lib/tickets/place-order";
import { markOrderPaid } from "@/lib/tickets/mark-order-paid";
import { cancelOrder } from "@/lib/tickets/cancel-order";
import { cancelOwnOrder } from "@/lib/tickets/cancel-own-order";
import { updateTicketType } from "@/lib/tickets/update-ticket-type";
import { updateDiscountCode } from "@/lib/tickets/update-discount-code";
import { listDiscountCodes } from "@/lib/tickets/list-discount-codes";
import { CheckoutInput, CreateDiscountCodeInput, CreateTicketTypeInput, UpdateDiscountCodeInput, UpdateTicketTypeInput } from "@/lib/tickets/schemas";
import { createAttendees, createTestConference, deleteConference } from "./fixtures";

const DAY = 24 * 3600 * 1000;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("checkout", () => {
  let conferenceId: string;
  let otherConferenceId: string;
  let users: string[];
  let standard: string;
  let workshop: string;

  beforeAll(async () => {
    conferenceId = (await createTestConference()).id;
    otherConferenceId = (await createTestConference()).id;
    users = await createAttendees(10);
    standard = (await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Standard", priceCents: 12_000, quota: 5 }) })).id;
    workshop = (await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Workshop", priceCents: 4_000 }) })).id;
    const code = (input: unknown) => createDiscountCode({ conferenceId, input: CreateDiscountCodeInput.parse(input) });
    await code({ code: "Percent25", kind: "PERCENT", value: 25 });
    await code({ code: "TENOFF", kind: "FIXED", value: 1_000 });
    await code({ code: "SPEAKER", kind: "COMP" });
    await code({ code: "EXPIRED", kind: "PERCENT", value: 10, validUntil: new Date(Date.now() - DAY) });
    await code({ code: "LATER", kind: "PERCENT", value: 10, validFrom: new Date(Date.now() + DAY) });
    await code({ code: "WORKSHOPONLY", kind: "PERCENT", value: 50, ticketTypeIds: [workshop] });
    await code({ code: "ONCE", kind: "PERCENT", value: 10, maxRedemptions: 1 });
    await createDiscountCode({ conferenceId: otherConferenceId, input: CreateDiscountCodeInput.parse({ code: "ELSEWHERE", kind: "COMP" }) });
  });
  afterAll(async () => {
    await deleteConference(conferenceId);
    await deleteConference(otherConferenceId);
    await prisma.user.deleteMany({ where: { id: { in: users } } });
  });

  const quote = (input: Record<string, unknown>) => priceCheckout({ conferenceId, userId: users[9], input: CheckoutInput.parse(input) });

  it("prices percent, fixed-per-ticket and comp codes, entered in any case", async () => {
    expect(await quote({ ticketTypeId: standard, quantity: 2, discountCode: "percent25" })).toMatchObject({
      subtotalCents: 24_000,
      discountCents: 6_000,
      totalCents: 18_000,
      currency: "EUR",
      discountCode: { code: "PERCENT25" },
    });
    expect(await quote({ ticketTypeId: standard, quantity: 2, discountCode: " tenOff " })).toMatchObject({
      discountCents: 2_000,
      totalCents: 22_000,
    });
    expect(await quote({ ticketTypeId: workshop, quantity: 1, discountCode: "speaker" })).toMatchObject({ totalCents: 0 });
    expect(await quote({ ticketTypeId: workshop, quantity: 1, discountCode: "" })).toMatchObject({ totalCents: 4_000, discountCode: null });
  });

  it("explains expired, not-yet-valid, unknown, foreign, wrongly scoped and exhausted codes", async () => {
    const cases: [string, RegExp][] = [
      ["expired", /has expired/],
      ["later", /not valid yet/],
      ["NOPE123", /does not exist/],
      ["ELSEWHERE", /does not exist/],
      ["workshoponly", /does not apply to Standard/],
    ];
    for (const [discountCode, message] of cases) {
      const error = await rejection(quote({ ticketTypeId: standard, quantity: 1, discountCode }));
      expect(error.message).toMatch(message);
      expect(error.details).toEqual({ fields: { discountCode: [error.message] } });
    }
    await placeOrder({ conferenceId, userId: users[0], input: CheckoutInput.parse({ ticketTypeId: workshop, discountCode: "once" }) });
    const used = await rejection(quote({ ticketTypeId: workshop, quantity: 1, discountCode: "ONCE" }));
    expect(used.code).toBe("CONFLICT");
    expect(used.message).toBe("This discount code has been used up");
  });

  it("refuses negative or absurd prices and quantities at the boundary", () => {
    expect(CreateTicketTypeInput.safeParse({ name: "Bad", priceCents: -100 }).success).toBe(false);
    expect(CreateTicketTypeInput.safeParse({ name: "Bad", priceCents: 1e12 }).success).toBe(false);
    expect(CreateTicketTypeInput.safeParse({ name: "Bad", priceCents: 10.5 }).success).toBe(false);
    expect(CreateTicketTypeInput.safeParse({ name: "Bad", priceCents: 100, quota: -1 }).success).toBe(false);
    expect(CheckoutInput.safeParse({ ticketTypeId: standard, quantity: 0 }).success).toBe(false);
    expect(CheckoutInput.safeParse({ ticketTypeId: standard, quantity: 10_000 }).success).toBe(false);
    expect(CheckoutInput.safeParse({ ticketTypeId: standard, quantity: -3 }).success).toBe(false);
    expect(CreateDiscountCodeInput.safeParse({ code: "BIG", kind: "PERCENT", value: 150 }).success).toBe(false);
    expect(CreateDiscountCodeInput.safeParse({ code: "NEG", kind: "FIXED", value: -5 }).success).toBe(false);
  });

  it("completes a fully discounted order without payment and issues its tickets", async () => {
    const { order, tickets } = await placeOrder({
      conferenceId,
      userId: users[1],
      input: CheckoutInput.parse({ ticketTypeId: standard, quantity: 2, discountCode: "Speaker" }),
    });
    expect(order).toMatchObject({ status: "PAID", totalCents: 0, discountCents: 24_000 });
    expect(tickets).toHaveLength(2);
    expect(tickets.every((t) => t.userId === users[1] && t.status === "VALID")).toBe(true);
  });

  it("keeps a paid order pending until it is marked paid, once", async () => {
    const { order, tickets } = await placeOrder({ conferenceId, userId: users[2], input: CheckoutInput.parse({ ticketTypeId: standard }) });
    expect(order.status).toBe("PENDING");
    expect(tickets).toHaveLength(0);
    const first = await markOrderPaid({ orderId: order.id, conferenceId });
    const again = await markOrderPaid({ orderId: order.id, conferenceId });
    expect(first).toMatchObject({ changed: true, order: { status: "PAID" } });
    expect(again.changed).toBe(false);
    expect(await prisma.ticket.count({ where: { orderId: order.id } })).toBe(1);
    // An organizer of another conference cannot settle it.
    await expect(markOrderPaid({ orderId: order.id, conferenceId: otherConferenceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives seats and code uses back when a pending order is cancelled", async () => {
    const before = await prisma.ticketType.findUniqueOrThrow({ where: { id: standard } });
    const { order } = await placeOrder({
      conferenceId,
      userId: users[3],
      input: CheckoutInput.parse({ ticketTypeId: standard, discountCode: "TENOFF" }),
    });
    expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: standard } })).sold).toBe(before.sold + 1);
    await cancelOrder({ orderId: order.id, conferenceId });
    expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: standard } })).sold).toBe(before.sold);
    expect((await prisma.discountCode.findFirstOrThrow({ where: { conferenceId, code: "TENOFF" } })).redemptions).toBe(0);
    await expect(markOrderPaid({ orderId: order.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses more tickets than the quota has left, and leaves nothing half-written", async () => {
    const sold = (await prisma.ticketType.findUniqueOrThrow({ where: { id: standard } })).sold;
    const orders = await prisma.order.count({ where: { conferenceId } });
    const error = await rejection(
      placeOrder({ conferenceId, userId: users[4], input: CheckoutInput.parse({ ticketTypeId: standard, quantity: 5 }) }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/Only \d+ Standard tickets? left/);
    expect(await prisma.order.count({ where: { conferenceId } })).toBe(orders);
    expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: standard } })).sold).toBe(sold);
  });

  it("rolls the whole order back when the code is used up between quote and commit", async () => {
    const type = await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Late", priceCents: 1_000, quota: 10 }) });
    const code = await createDiscountCode({ conferenceId, input: CreateDiscountCodeInput.parse({ code: "RACE", kind: "COMP", maxRedemptions: 1 }) });
    // A rival checkout on another connection takes the last use and holds the row lock...
    const rival = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await rival.connect();
    await rival.query("BEGIN");
    await rival.query(`UPDATE "DiscountCode" SET "redemptions" = 1 WHERE "id" = $1`, [code.id]);
    // ...while ours quotes (the use is still free), writes its order and queues on that lock.
    const ours = placeOrder({ conferenceId, userId: users[5], input: CheckoutInput.parse({ ticketTypeId: type.id, discountCode: "race" }) });
    const settled = ours.then(
      () => null,
      (e: unknown) => e,
    );
    let queued = false;
    for (let i = 0; i < 500 && !queued; i++) {
      const { rows } = await rival.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      queued = rows[0].n > 0;
      if (!queued) await new Promise((r) => setTimeout(r, 10));
    }
    expect(queued).toBe(true);
    await rival.query("COMMIT");
    await rival.end();
    const error = (await settled) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe("This discount code has been used up");
    expect(await prisma.order.count({ where: { ticketTypeId: type.id } })).toBe(0);
    expect(await prisma.ticket.count({ where: { ticketTypeId: type.id } })).toBe(0);
    expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: type.id } })).sold).toBe(0);
  });

  it("lets an attendee hold one unpaid order at a time, even from five tabs at once", async () => {
    const type = await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Tabs", priceCents: 2_000 }) });
    const userId = users[7];
    const tries = await Promise.allSettled(
      Array.from({ length: 5 }, () => placeOrder({ conferenceId, userId, input: CheckoutInput.parse({ ticketTypeId: type.id }) })),
    );
    const placed = tries.filter((t) => t.status === "fulfilled");
    expect(placed).toHaveLength(1);
    const refusal = (tries.find((t) => t.status === "rejected") as PromiseRejectedResult).reason as AppError;
    expect(refusal.message).toMatch(/already have an order awaiting payment/);
    expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: type.id } })).sold).toBe(1);

    // Once it is withdrawn, a new order goes through; free orders never count as unpaid.
    const { order } = (placed[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof placeOrder>>>).value;
    await cancelOwnOrder({ conferenceId, userId, orderId: order.id });
    expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: type.id } })).sold).toBe(0);
    await placeOrder({ conferenceId, userId, input: CheckoutInput.parse({ ticketTypeId: type.id }) });
    await placeOrder({ conferenceId, userId, input: CheckoutInput.parse({ ticketTypeId: type.id, discountCode: "SPEAKER" }) });
    // Nobody cancels someone else's order.
    await expect(cancelOwnOrder({ conferenceId, userId: users[8], orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("only sells inside the sale window", async () => {
    const early = await createTicketType({
      conferenceId,
      input: CreateTicketTypeInput.parse({ name: "Early bird", priceCents: 100, salesEndAt: new Date(Date.now() - 1000) }),
    });
    const error = await rejection(placeOrder({ conferenceId, userId: users[6], input: CheckoutInput.parse({ ticketTypeId: early.id }) }));
    expect(error.message).toBe("Sales for Early bird have ended");
  });

  it("will not lower a quota below what is already sold", async () => {
    const sold = (await prisma.ticketType.findUniqueOrThrow({ where: { id: standard } })).sold;
    expect(sold).toBeGreaterThan(0);
    const error = await rejection(
      updateTicketType({ conferenceId, ticketTypeId: standard, input: UpdateTicketTypeInput.parse({ quota: sold - 1 }) }),
    );
    expect(error.details).toMatchObject({ fields: { quota: [expect.stringContaining("already sold")] } });
    const updated = await updateTicketType({
      conferenceId,
      ticketTypeId: standard,
      input: UpdateTicketTypeInput.parse({ quota: sold + 10, priceCents: 13_000 }),
    });
    expect(updated).toMatchObject({ quota: sold + 10, priceCents: 13_000 });
  });
});

describe("changing a discount code's limits", () => {
  let conferenceId: string;
  let users: string[];
  let ticketTypeId: string;

  beforeAll(async () => {
    conferenceId = (await createTestConference()).id;
    users = await createAttendees(3);
    ticketTypeId = (await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Free pass", priceCents: 0 }) })).id;
  });
  afterAll(async () => {
    await deleteConference(conferenceId);
    await prisma.user.deleteMany({ where: { id: { in: users } } });
  });

  it("never lowers a limit below the uses taken, and stops a code at once when expired", async () => {
    const code = await createDiscountCode({
      conferenceId,
      input: CreateDiscountCodeInput.parse({ code: "LEAKED", kind: "COMP", maxRedemptions: 10 }),
    });
    for (const userId of users.slice(0, 2)) {
      await placeOrder({ conferenceId, userId, input: CheckoutInput.parse({ ticketTypeId, discountCode: "leaked" }) });
    }
    const tooLow = await rejection(
      updateDiscountCode({ conferenceId, discountCodeId: code.id, input: UpdateDiscountCodeInput.parse({ maxRedemptions: 1 }) }),
    );
    expect(tooLow.message).toBe("The code is already used 2 times: the limit cannot be lower");
    expect(
      await updateDiscountCode({ conferenceId, discountCodeId: code.id, input: UpdateDiscountCodeInput.parse({ maxRedemptions: 2 }) }),
    ).toMatchObject({ maxRedemptions: 2 });
    expect((await listDiscountCodes({ conferenceId })).discountCodes[0]).toMatchObject({ code: "LEAKED", state: "used-up", orders: 2 });

    await updateDiscountCode({
      conferenceId,
      discountCodeId: code.id,
      input: UpdateDiscountCodeInput.parse({ maxRedemptions: null, validUntil: new Date().toISOString() }),
    });
    const expired = await rejection(
      placeOrder({ conferenceId, userId: users[2], input: CheckoutInput.parse({ ticketTypeId, discountCode: "LEAKED" }) }),
    );
    expect(expired.message).toBe("This discount code has expired");
    expect((await listDiscountCodes({ conferenceId })).discountCodes[0].state).toBe("expired");
  });
  it("prices every checkout from the ticket type as it is now, also right after a checkout of the same type", async () => {
    const type = await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Edited", priceCents: 1_000, quota: 3 }) });
    const [first, second, third, fourth] = await createAttendees(4);
    const buy = (userId: string) => placeOrder({ conferenceId, userId, input: CheckoutInput.parse({ ticketTypeId: type.id }) });
    const edit = (input: Record<string, unknown>) =>
      updateTicketType({ conferenceId, ticketTypeId: type.id, input: UpdateTicketTypeInput.parse(input) });
    try {
      expect((await buy(first)).order.totalCents).toBe(1_000);
      // The organizer raises the price: the very next checkout pays the new one.
      await edit({ priceCents: 1_500 });
      expect((await buy(second)).order.totalCents).toBe(1_500);
      // Withdrawn from sale: refused at once, nothing taken.
      await edit({ active: false });
      expect((await rejection(buy(third))).message).toBe("This ticket is not available");
      // Sold out, then more seats: the next checkout gets one.
      await edit({ active: true, quota: 2 });
      expect((await rejection(buy(third))).message).toBe("Edited is sold out");
      await edit({ quota: 3 });
      expect((await buy(third)).order.totalCents).toBe(1_500);
      expect((await rejection(buy(fourth))).message).toBe("Edited is sold out");
      expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: type.id } })).sold).toBe(3);
      expect(await prisma.order.count({ where: { ticketTypeId: type.id } })).toBe(3);
    } finally {
      await prisma.order.deleteMany({ where: { ticketTypeId: type.id } });
      await prisma.user.deleteMany({ where: { id: { in: [first, second, third, fourth] } } });
    }
  });

  it("sells nothing to an account whose address is not confirmed, and says so", async () => {
    const type = await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Unconfirmed", priceCents: 0 }) });
    const [userId] = await createAttendees(1);
    try {
      await prisma.user.update({ where: { id: userId }, data: { emailVerified: false } });
      const error = await rejection(placeOrder({ conferenceId, userId, input: CheckoutInput.parse({ ticketTypeId: type.id }) }));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toMatch(/Confirm your email address/);
      expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: type.id } })).sold).toBe(0);
      expect(await prisma.order.count({ where: { userId } })).toBe(0);
      expect(await prisma.ticket.count({ where: { userId } })).toBe(0);

      await prisma.user.update({ where: { id: userId }, data: { emailVerified: true } });
      const { order, tickets } = await placeOrder({ conferenceId, userId, input: CheckoutInput.parse({ ticketTypeId: type.id }) });
      expect(order.status).toBe("PAID");
      expect(tickets).toHaveLength(1);
    } finally {
      await prisma.ticket.deleteMany({ where: { userId } });
      await prisma.order.deleteMany({ where: { userId } });
      await prisma.user.deleteMany({ where: { id: userId } });
    }
  });
});
