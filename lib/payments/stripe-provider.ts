import Stripe from "stripe";
import type { PaymentProvider } from "./payment-provider";

// Stripe Checkout sessions last at least 30 minutes; an abandoned one expires and its
// `checkout.session.expired` webhook gives the seats back (see lib/tickets/handle-stripe-webhook.ts).
const SESSION_LIFETIME_S = 30 * 60 + 60;

export function createStripeProvider(options: { secretKey: string; apiBase?: string }): PaymentProvider {
  const base = options.apiBase ? new URL(options.apiBase) : null;
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 1,
    timeout: 15_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol.replace(":", "") as "http" | "https",
        }
      : {}),
  });
  return {
    name: "stripe",
    async startPayment(input) {
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          client_reference_id: input.orderId,
          metadata: { orderId: input.orderId },
          customer_email: input.customerEmail,
          expires_at: Math.floor(Date.now() / 1000) + SESSION_LIFETIME_S,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: input.currency.toLowerCase(),
                unit_amount: input.amountCents,
                product_data: { name: input.description },
              },
            },
          ],
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
        },
        // A retried request must not open a second session for the same order.
        { idempotencyKey: `plenary-order-${input.orderId}` },
      );
      if (!session.url) throw new Error("Stripe returned a Checkout session without a URL");
      return { sessionId: session.id, url: session.url };
    },
    async getPaymentState(sessionId) {
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      if (session.payment_status === "paid" || session.payment_status === "no_payment_required") return "paid";
      return session.status === "expired" ? "expired" : "open";
    },
    async expireCheckoutSession(sessionId) {
      try {
        // POST /v1/checkout/sessions/{id}/expire: afterwards the session can never be paid.
        await stripe.checkout.sessions.expire(sessionId);
        return "expired";
      } catch (error) {
        // Stripe refuses to expire a session that is no longer open: ask where it stands.
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
        const session = await stripe.checkout.sessions.retrieve(sessionId);
        if (session.payment_status === "paid" || session.payment_status === "no_payment_required") return "paid";
        if (session.status === "expired") return "expired";
        if (session.status === "complete") return "processing";
        throw error;
      }
    },
  };
}
