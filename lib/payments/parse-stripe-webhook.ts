import Stripe from "stripe";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import type { PaymentEvent } from "./payment-provider";

/**
 * Verifies a Stripe webhook (signature over the raw body, 5-minute tolerance) and says, in the
 * port's terms, which payment it is about and where it stands. What that means for the order is
 * the caller's business (lib/tickets/handle-stripe-webhook.ts).
 */
export function parseStripeWebhook(options: { rawBody: string; signature: string | null; secret?: string }): PaymentEvent {
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
      const state = session.payment_status === "unpaid" ? "open" : "paid";
      return { type: event.type, orderId, sessionId: session.id, state };
    }
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed": {
      const session = event.data.object;
      const orderId = session.client_reference_id ?? session.metadata?.orderId ?? null;
      return { type: event.type, orderId, sessionId: session.id, state: "expired" };
    }
    default:
      return { type: event.type, orderId: null, sessionId: null, state: null };
  }
}
