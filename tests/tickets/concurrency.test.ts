import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { placeOrder } from "@/lib/tickets/place-order";
import { createTicketType } from "@/lib/tickets/create-ticket-type";
import { createDiscountCode } from "@/lib/tickets/create-discount-code";
import { CreateDiscountCodeInput, CreateTicketTypeInput } from "@/lib/tickets/schemas";
import { AppError } from "@/lib/errors/app-error";
import { createAttendees, createTestConference, deleteConference } from "./fixtures";

// Real parallel connections: a pool larger than one lets checkouts genuinely race in PostgreSQL.
// (The client is made on first use, below: it takes the pool size from the config then.)
overrideEnv({ DATABASE_POOL_MAX: "24" });

async function raceCheckouts(runs: { userId: string; ticketTypeId: string; discountCode?: string }[], conferenceId: string) {
  const outcomes = await Promise.allSettled(
    runs.map((run) =>
      placeOrder({ conferenceId, userId: run.userId, input: { ticketTypeId: run.ticketTypeId, quantity: 1, discountCode: run.discountCode } }),
    ),
  );
  const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => o.reason);
  for (const failure of failures) {
    // Every loser must be a clear, expected refusal — not a deadlock or a timeout.
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as InstanceType<typeof AppError>).code).toBe("CONFLICT");
  }
  return { succeeded: outcomes.length - failures.length, failures };
}

describe("checkout under 200-way concurrency", () => {
  let conferenceId: string;
  let attendees: string[];

  beforeAll(async () => {
    conferenceId = (await createTestConference()).id;
    attendees = await createAttendees(200);
  });
  afterAll(async () => {
    await deleteConference(conferenceId);
    await prisma.user.deleteMany({ where: { id: { in: attendees } } });
  });

  it("redeems a code limited to 50 uses exactly 50 times out of 200 concurrent checkouts", async () => {
    const type = await createTicketType({
      conferenceId,
      input: CreateTicketTypeInput.parse({ name: "Standard", priceCents: 10_000, currency: "EUR" }),
    });
    const code = await createDiscountCode({
      conferenceId,
      input: CreateDiscountCodeInput.parse({ code: "fifty", kind: "PERCENT", value: 50, maxRedemptions: 50 }),
    });

    const { succeeded, failures } = await raceCheckouts(
      attendees.map((userId) => ({ userId, ticketTypeId: type.id, discountCode: "FIFTY" })),
      conferenceId,
    );

    expect(succeeded).toBe(50);
    expect(failures).toHaveLength(150);
    expect(failures[0].message).toMatch(/used up|changed/);
    const after = await prisma.discountCode.findUniqueOrThrow({ where: { id: code.id } });
    expect(after.redemptions).toBe(50);
    expect(await prisma.discountRedemption.count({ where: { discountCodeId: code.id } })).toBe(50);
    // Losers left nothing behind: no orders without a redemption, no seats taken.
    expect(await prisma.order.count({ where: { ticketTypeId: type.id } })).toBe(50);
    expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: type.id } })).sold).toBe(50);
    const orders = await prisma.order.findMany({ where: { ticketTypeId: type.id } });
    expect(orders.every((o) => o.discountCents === 5_000 && o.totalCents === 5_000 && o.status === "PENDING")).toBe(true);
  });

  it("sells a quota of 100 exactly 100 times out of 200 concurrent checkouts", async () => {
    const type = await createTicketType({
      conferenceId,
      input: CreateTicketTypeInput.parse({ name: "Free community pass", priceCents: 0, quota: 100 }),
    });

    const { succeeded, failures } = await raceCheckouts(
      attendees.map((userId) => ({ userId, ticketTypeId: type.id })),
      conferenceId,
    );

    expect(succeeded).toBe(100);
    expect(failures).toHaveLength(100);
    expect(failures.some((f) => /sold out/.test(f.message))).toBe(true);
    expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: type.id } })).sold).toBe(100);
    expect(await prisma.order.count({ where: { ticketTypeId: type.id } })).toBe(100);
    expect(await prisma.ticket.count({ where: { ticketTypeId: type.id, status: "VALID" } })).toBe(100);
    // Nobody got two of the free seats.
    const holders = await prisma.ticket.findMany({ where: { ticketTypeId: type.id }, select: { userId: true } });
    expect(new Set(holders.map((h) => h.userId)).size).toBe(100);
  });

  it("lets one attendee use a once-per-attendee code once, even with 20 simultaneous tries", async () => {
    const type = await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Speaker guest", priceCents: 5_000 }) });
    const code = await createDiscountCode({
      conferenceId,
      input: CreateDiscountCodeInput.parse({ code: "guest-once", kind: "COMP", oncePerAttendee: true }),
    });
    const userId = attendees[0];

    const { succeeded } = await raceCheckouts(
      Array.from({ length: 20 }, () => ({ userId, ticketTypeId: type.id, discountCode: "guest-ONCE" })),
      conferenceId,
    );

    expect(succeeded).toBe(1);
    expect((await prisma.discountCode.findUniqueOrThrow({ where: { id: code.id } })).redemptions).toBe(1);
    expect(await prisma.ticket.count({ where: { ticketTypeId: type.id, userId } })).toBe(1);
  });
});
