import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { checkOut } from "@/lib/tickets/check-out";
import { placeOrder } from "@/lib/tickets/place-order";
import { cancelOwnOrder } from "@/lib/tickets/cancel-own-order";
import { cancelConferenceOrder } from "@/lib/tickets/cancel-conference-order";
import { cancelOrder } from "@/lib/tickets/cancel-order";
import { syncOrderPayment } from "@/lib/tickets/sync-order-payment";
import { createTicketType } from "@/lib/tickets/create-ticket-type";
import { createStripeProvider } from "@/lib/payments/stripe-provider";
import { CheckoutInput, CreateTicketTypeInput } from "@/lib/tickets/schemas";
import { createAttendees, createTestConference, deleteConference } from "./fixtures";

// The webhook secret is configuration: this process runs with it set.
const WEBHOOK_SECRET = "whsec_plenary_test_secret";
overrideEnv({ STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });

function sessionEvent(type: string, orderId: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: `evt_${Math.random().toString(36).slice(2)}`,
    object: "event",
    type,
    data: { object: { id: `cs_test_${orderId}`, object: "checkout.session", client_reference_id: orderId, payment_status: "paid", ...extra } },
  });
}

function deliver(payload: string, signature: string | null) {
  return stripeWebhook(
    new Request("http://localhost/api/webhooks/stripe", {
      method: "POST",
      body: payload,
      headers: signature ? { "stripe-signature": signature } : {},
    }),
  );
}

const sign = (payload: string, secret = WEBHOOK_SECRET) => Stripe.webhooks.generateTestHeaderString({ payload, secret });

/** Stands in for api.stripe.com (a third party, not ours): records requests, answers like Stripe. */
async function startFakeStripe(status = 200, expireStatus = 200, session: Record<string, unknown> = {}) {
  const requests: { path: string; body: URLSearchParams; idempotencyKey?: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      requests.push({ path: req.url ?? "", body: new URLSearchParams(body), idempotencyKey: req.headers["idempotency-key"] as string });
      const expiring = (req.url ?? "").endsWith("/expire");
      const answer = expiring ? expireStatus : status;
      res.writeHead(answer, { "content-type": "application/json", "request-id": "req_test" });
      res.end(
        answer === 200
          ? JSON.stringify({ id: "cs_test_fake", object: "checkout.session", url: "https://checkout.stripe.test/c/pay/cs_test_fake", ...session })
          : JSON.stringify({ error: { type: "api_error", message: "Stripe is down" } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("Stripe payments", () => {
  let conferenceId: string;
  let users: string[];
  let ticketTypeId: string;

  beforeAll(async () => {
    conferenceId = (await createTestConference()).id;
    users = await createAttendees(7);
    ticketTypeId = (
      await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Supporter", priceCents: 25_000, quota: 10 }) })
    ).id;
  });
  afterAll(async () => {
    await deleteConference(conferenceId);
    await prisma.user.deleteMany({ where: { id: { in: users } } });
  });

  const pending = async (userIndex: number) =>
    (await placeOrder({ conferenceId, userId: users[userIndex], input: CheckoutInput.parse({ ticketTypeId }) })).order;

  it("settles an order from a signed checkout.session.completed webhook, once", async () => {
    const order = await pending(0);
    const payload = sessionEvent("checkout.session.completed", order.id);
    const response = await deliver(payload, sign(payload));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, action: "paid", orderId: order.id });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      stripeSessionId: `cs_test_${order.id}`,
    });

    // Stripe redelivers: nothing changes, still one ticket.
    const again = await deliver(payload, sign(payload));
    expect(again.status).toBe(200);
    expect(await prisma.ticket.count({ where: { orderId: order.id, status: "VALID" } })).toBe(1);
  });

  it("rejects a webhook with a wrong, missing or tampered signature", async () => {
    const order = await pending(1);
    const payload = sessionEvent("checkout.session.completed", order.id);
    const forged = await deliver(payload, sign(payload, "whsec_someone_else"));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "Invalid Stripe signature" } });
    expect((await deliver(payload, null)).status).toBe(401);
    const tampered = payload.replace(order.id, (await pending(2)).id);
    expect((await deliver(tampered, sign(payload))).status).toBe(401);
    expect(await prisma.order.count({ where: { conferenceId, status: "PAID", userId: { in: [users[1], users[2]] } } })).toBe(0);
  });

  it("gives the seat back when the Checkout session expires", async () => {
    const order = await pending(3);
    const sold = (await prisma.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId } })).sold;
    const payload = sessionEvent("checkout.session.expired", order.id, { payment_status: "unpaid" });
    const response = await deliver(payload, sign(payload));
    expect(await response.json()).toMatchObject({ action: "cancelled" });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
    expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId } })).sold).toBe(sold - 1);
  });

  it("waits for a delayed payment: settles on async_payment_succeeded, cancels on async_payment_failed, ignores other events", async () => {
    const extra = await createAttendees(2);
    users.push(...extra);
    const place = async (userId: string) => (await placeOrder({ conferenceId, userId, input: CheckoutInput.parse({ ticketTypeId }) })).order;
    const status = async (orderId: string) => (await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status;

    const delayed = await place(extra[0]);
    const unpaid = sessionEvent("checkout.session.completed", delayed.id, { payment_status: "unpaid" });
    expect(await (await deliver(unpaid, sign(unpaid))).json()).toMatchObject({ action: "ignored", orderId: delayed.id });
    expect(await status(delayed.id)).toBe("PENDING");
    const succeeded = sessionEvent("checkout.session.async_payment_succeeded", delayed.id);
    expect(await (await deliver(succeeded, sign(succeeded))).json()).toMatchObject({ action: "paid", orderId: delayed.id });
    expect(await status(delayed.id)).toBe("PAID");

    const declined = await place(extra[1]);
    const failed = sessionEvent("checkout.session.async_payment_failed", declined.id, { payment_status: "unpaid" });
    expect(await (await deliver(failed, sign(failed))).json()).toMatchObject({ action: "cancelled", orderId: declined.id });
    expect(await status(declined.id)).toBe("CANCELLED");
    // Redelivered: the order is cancelled already, nothing changes.
    expect(await (await deliver(failed, sign(failed))).json()).toMatchObject({ action: "ignored", orderId: declined.id });

    const other = JSON.stringify({
      id: "evt_other",
      object: "event",
      type: "customer.created",
      data: { object: { id: "cus_1", object: "customer" } },
    });
    expect(await (await deliver(other, sign(other))).json()).toEqual({ received: true, type: "customer.created", orderId: null, action: "ignored" });
  });

  it("sends a paid checkout to Stripe Checkout for the discounted total", async () => {
    const stripe = await startFakeStripe();
    try {
      const result = await checkOut({
        conferenceId,
        user: { id: users[4], email: "ada@example.test" },
        input: CheckoutInput.parse({ ticketTypeId, quantity: 2 }),
        returnBaseUrl: "https://plenary.example/",
        provider: createStripeProvider({ secretKey: "sk_test_fake", apiBase: stripe.url }),
      });
      expect(result.paymentUrl).toBe("https://checkout.stripe.test/c/pay/cs_test_fake");
      expect(result.order).toMatchObject({ status: "PENDING", stripeSessionId: "cs_test_fake", totalCents: 50_000 });
      expect(stripe.requests).toHaveLength(1);
      const sent = stripe.requests[0];
      expect(sent.path).toBe("/v1/checkout/sessions");
      expect(sent.idempotencyKey).toBe(`plenary-order-${result.order.id}`);
      expect(sent.body.get("client_reference_id")).toBe(result.order.id);
      expect(sent.body.get("line_items[0][price_data][unit_amount]")).toBe("50000");
      expect(sent.body.get("line_items[0][price_data][currency]")).toBe("eur");
      expect(sent.body.get("success_url")).toBe(`https://plenary.example/tickets/mine?order=${result.order.id}&paid=1`);
    } finally {
      await stripe.close();
    }
  });

  it("settles an order on the attendee's return from Stripe when the webhook has not arrived", async () => {
    const order = await pending(6);
    await prisma.order.update({ where: { id: order.id }, data: { stripeSessionId: `cs_test_return_${order.id}` } });
    const open = await startFakeStripe(200, 200, { status: "open", payment_status: "unpaid" });
    try {
      const still = await syncOrderPayment({
        conferenceId,
        userId: users[6],
        orderId: order.id,
        provider: createStripeProvider({ secretKey: "sk_test_fake", apiBase: open.url }),
      });
      expect(still?.status).toBe("PENDING");
      expect(open.requests[0].path).toBe(`/v1/checkout/sessions/cs_test_return_${order.id}`);
    } finally {
      await open.close();
    }
    const paid = await startFakeStripe(200, 200, { status: "complete", payment_status: "paid" });
    try {
      const settled = await syncOrderPayment({
        conferenceId,
        userId: users[6],
        orderId: order.id,
        provider: createStripeProvider({ secretKey: "sk_test_fake", apiBase: paid.url }),
      });
      expect(settled?.status).toBe("PAID");
      expect(await prisma.ticket.count({ where: { orderId: order.id } })).toBe(1);
    } finally {
      await paid.close();
    }
    // The webhook arriving afterwards changes nothing.
    const payload = sessionEvent("checkout.session.completed", order.id);
    expect((await deliver(payload, sign(payload))).status).toBe(200);
    expect(await prisma.ticket.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("expires the Checkout session when an attendee withdraws the order, unless Stripe says it is paid", async () => {
    const sold = (await prisma.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId } })).sold;
    // users[4] holds the pending Stripe order from the checkout test above.
    const order = await prisma.order.findFirstOrThrow({ where: { userId: users[4], status: "PENDING" } });
    const working = await startFakeStripe();
    try {
      const { changed } = await cancelOwnOrder({
        conferenceId,
        userId: users[4],
        orderId: order.id,
        provider: createStripeProvider({ secretKey: "sk_test_fake", apiBase: working.url }),
      });
      expect(changed).toBe(true);
      expect(working.requests.map((r) => r.path)).toEqual(["/v1/checkout/sessions/cs_test_fake/expire"]);
      expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId } })).sold).toBe(sold - 2);
    } finally {
      await working.close();
    }

    // Too late: Stripe refuses to expire a session the attendee has paid. The order is settled, not cancelled.
    const paidAlready = await pending(4);
    await prisma.order.update({ where: { id: paidAlready.id }, data: { stripeSessionId: `cs_test_paid_${paidAlready.id}` } });
    const stripe = await startFakeStripe(200, 400, { status: "complete", payment_status: "paid" });
    try {
      const provider = createStripeProvider({ secretKey: "sk_test_fake", apiBase: stripe.url });
      const tooLate = await cancelOwnOrder({ conferenceId, userId: users[4], orderId: paidAlready.id, provider }).catch((e: unknown) => e);
      expect(tooLate).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already paid.*ticket is issued/) });
      expect(stripe.requests.map((r) => r.path)).toEqual([
        `/v1/checkout/sessions/cs_test_paid_${paidAlready.id}/expire`,
        `/v1/checkout/sessions/cs_test_paid_${paidAlready.id}`,
      ]);
      expect((await prisma.order.findUniqueOrThrow({ where: { id: paidAlready.id } })).status).toBe("PAID");
      expect(await prisma.ticket.count({ where: { orderId: paidAlready.id, status: "VALID" } })).toBe(1);
    } finally {
      await stripe.close();
    }
  });

  it("cancels the order when Stripe cannot start a payment, leaving nothing held", async () => {
    const stripe = await startFakeStripe(500);
    const sold = (await prisma.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId } })).sold;
    try {
      const failure = await checkOut({
        conferenceId,
        user: { id: users[5], email: "grace@example.test" },
        input: CheckoutInput.parse({ ticketTypeId }),
        returnBaseUrl: "https://plenary.example",
        provider: createStripeProvider({ secretKey: "sk_test_fake", apiBase: stripe.url }),
      }).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: "UNAVAILABLE" });
      expect((await prisma.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId } })).sold).toBe(sold);
      expect(await prisma.order.findFirstOrThrow({ where: { userId: users[5] } })).toMatchObject({ status: "CANCELLED" });
    } finally {
      await stripe.close();
    }
  });
});

describe("an organizer cancels an order that went to Stripe Checkout", () => {
  let conferenceId: string;
  let users: string[];
  let ticketTypeId: string;

  beforeAll(async () => {
    conferenceId = (await createTestConference()).id;
    users = await createAttendees(5);
    ticketTypeId = (await createTicketType({ conferenceId, input: CreateTicketTypeInput.parse({ name: "Standard", priceCents: 9_000, quota: 3 }) }))
      .id;
  });
  afterAll(async () => {
    await deleteConference(conferenceId);
    await prisma.user.deleteMany({ where: { id: { in: users } } });
  });

  /** A pending order whose attendee is at Stripe Checkout. */
  const atCheckout = async (userIndex: number) => {
    const { order } = await placeOrder({ conferenceId, userId: users[userIndex], input: CheckoutInput.parse({ ticketTypeId }) });
    return prisma.order.update({ where: { id: order.id }, data: { stripeSessionId: `cs_test_org_${order.id}` } });
  };
  const sold = async () => (await prisma.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId } })).sold;

  it("expires the Checkout session first, so the attendee can no longer pay, then gives the seat back", async () => {
    const order = await atCheckout(0);
    const before = await sold();
    const stripe = await startFakeStripe();
    try {
      const result = await cancelConferenceOrder({
        conferenceId,
        orderId: order.id,
        provider: createStripeProvider({ secretKey: "sk_test_fake", apiBase: stripe.url }),
      });
      expect(result).toMatchObject({ changed: true, order: { status: "CANCELLED" } });
      expect(stripe.requests.map((r) => r.path)).toEqual([`/v1/checkout/sessions/${order.stripeSessionId}/expire`]);
      expect(await sold()).toBe(before - 1);
    } finally {
      await stripe.close();
    }
  });

  it("refuses when the attendee has already paid: the ticket is issued and the organizer told to revoke and refund", async () => {
    const order = await atCheckout(1);
    const before = await sold();
    const stripe = await startFakeStripe(200, 400, { status: "complete", payment_status: "paid" });
    try {
      const refused = await cancelConferenceOrder({
        conferenceId,
        orderId: order.id,
        provider: createStripeProvider({ secretKey: "sk_test_fake", apiBase: stripe.url }),
      }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already paid.*ticket is issued.*refund/) });
      expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
      expect(await prisma.ticket.count({ where: { orderId: order.id, status: "VALID" } })).toBe(1);
      expect(await sold()).toBe(before);
    } finally {
      await stripe.close();
    }
  });

  it("cancels nothing when Stripe cannot be reached, and says so", async () => {
    const order = await atCheckout(2);
    const stripe = await startFakeStripe(500, 500);
    try {
      const failure = await cancelConferenceOrder({
        conferenceId,
        orderId: order.id,
        provider: createStripeProvider({ secretKey: "sk_test_fake", apiBase: stripe.url }),
      }).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: "UNAVAILABLE" });
      expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PENDING");
    } finally {
      await stripe.close();
    }
    await prisma.order.update({ where: { id: order.id }, data: { status: "CANCELLED" } });
    await prisma.$executeRaw`UPDATE "TicketType" SET "sold" = "sold" - 1 WHERE "id" = ${ticketTypeId}`;
  });

  it("a payment completed for an order cancelled before its session was expired issues the ticket (200, not 409 forever)", async () => {
    // Cancelled the old way (no expiry): the attendee paid anyway.
    const order = await atCheckout(3);
    await cancelOrder({ orderId: order.id, conferenceId });
    const before = await sold();
    const payload = JSON.stringify({
      id: "evt_paid_after_cancel",
      object: "event",
      type: "checkout.session.completed",
      data: { object: { id: order.stripeSessionId, object: "checkout.session", client_reference_id: order.id, payment_status: "paid" } },
    });
    const response = await deliver(payload, sign(payload));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, action: "reinstated", orderId: order.id });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      stripeSessionId: order.stripeSessionId,
    });
    expect(await prisma.ticket.count({ where: { orderId: order.id, status: "VALID" } })).toBe(1);
    expect(await sold()).toBe(before + 1);
    // Stripe redelivers: nothing more happens.
    const again = await deliver(payload, sign(payload));
    expect(await again.json()).toMatchObject({ action: "paid" });
    expect(await prisma.ticket.count({ where: { orderId: order.id } })).toBe(1);
    expect(await sold()).toBe(before + 1);
  });
});
