import Stripe from "stripe";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { cancelOrder } from "@/lib/tickets/cancel-order";
import { markOrderPaid } from "@/lib/tickets/mark-order-paid";

export type StripeWebhookOutcome = { type: string; orderId: string | null; action: "paid" | "cancelled" | "ignored" };

/**
 * Verifies a Stripe webhook (signature over the raw body, 5-minute tolerance) and settles the
 * order it is about. Stripe redelivers until it gets a 2xx, and the order services are
 * idempotent, so a redelivery changes nothing.
 */
export async function handleStripeWebhook(options: {
  rawBody: string;
  signature: string | null;
  secret?: string;
}): Promise<StripeWebhookOutcome> {
  const secret = options.secret ?? env.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new AppError("UNAVAILABLE", "Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)");
  if (!options.signature) throw new AppError("UNAUTHENTICATED", "Missing Stripe-Signature header");
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(options.rawBody, options.signature, secret);
  } catch {
    throw new AppError("UNAUTHENTICATED", "Invalid Stripe signature");
  }

  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = event.data.object;
      const orderId = session.client_reference_id ?? session.metadata?.orderId ?? null;
      // A delayed payment method completes the session unpaid; async_payment_succeeded follows.
      if (!orderId || session.payment_status === "unpaid") return { type: event.type, orderId, action: "ignored" };
      await markOrderPaid({ orderId, stripeSessionId: session.id });
      return { type: event.type, orderId, action: "paid" };
    }
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed": {
      const session = event.data.object;
      const orderId = session.client_reference_id ?? session.metadata?.orderId ?? null;
      if (!orderId) return { type: event.type, orderId, action: "ignored" };
      const { changed } = await cancelOrder({ orderId });
      return { type: event.type, orderId, action: changed ? "cancelled" : "ignored" };
    }
    default:
      return { type: event.type, orderId: null, action: "ignored" };
  }
}
