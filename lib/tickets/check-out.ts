import { prisma, type Order, type Ticket } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import type { PaymentProvider } from "@/lib/payments/payment-provider";
import { cancelOrder } from "./cancel-order";
import { placeOrder } from "./place-order";
import type { CheckoutQuote } from "./price-checkout";
import type { CheckoutInput } from "./schemas";
import { logger } from "@/lib/logging/logger";

export type CheckoutResult = {
  order: Order;
  tickets: Ticket[];
  quote: CheckoutQuote;
  // Where to send the attendee to pay (Stripe Checkout), or null: paid already, or pending
  // until an organizer confirms the payment.
  paymentUrl: string | null;
};

/**
 * An attendee's checkout: the order is placed race-free (see place-order.ts, which also refuses an
 * account whose address is not confirmed); free and fully discounted orders are done, others go
 * to the payment provider. If the provider cannot start a payment, the order is cancelled so its
 * seats and code uses return.
 */
export async function checkOut(options: {
  conferenceId: string;
  user: { id: string; email: string };
  input: CheckoutInput;
  // Absolute base URL of the web app, for the provider's return links.
  returnBaseUrl: string;
  provider?: PaymentProvider;
}): Promise<CheckoutResult> {
  const { conferenceId, user, input } = options;
  const placed = await placeOrder({ conferenceId, userId: user.id, input });
  if (placed.order.status !== "PENDING") return { ...placed, paymentUrl: null };

  const provider = options.provider ?? getPaymentProvider();
  const { quote, order } = placed;
  const base = options.returnBaseUrl.replace(/\/$/, "");
  let started;
  try {
    started = await provider.startPayment({
      orderId: order.id,
      description: `${quote.quantity} × ${quote.ticketType.name}${quote.discountCode ? ` (code ${quote.discountCode.code})` : ""}`,
      amountCents: order.totalCents,
      currency: order.currency,
      customerEmail: user.email,
      successUrl: `${base}/tickets/mine?order=${order.id}&paid=1`,
      cancelUrl: `${base}/tickets?cancelled=${order.id}`,
    });
  } catch (error) {
    logger.error({ detail: error instanceof Error ? error.message : error }, "payment provider could not start a payment");
    await cancelOrder({ orderId: order.id });
    throw new AppError("UNAVAILABLE", "Payment could not be started; nothing was charged. Please try again.");
  }
  if (!started) return { ...placed, paymentUrl: null };
  const updated = await prisma.order.update({ where: { id: order.id }, data: { stripeSessionId: started.sessionId } });
  return { ...placed, order: updated, paymentUrl: started.url };
}
