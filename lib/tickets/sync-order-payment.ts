import { logger } from "@/lib/logging/logger";
import { prisma, type Order } from "@/lib/db/client";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import type { PaymentProvider } from "@/lib/payments/payment-provider";
import { settleOrderPayment } from "./settle-order-payment";

/**
 * Brings an attendee's pending order up to date with the payment provider, for the moment they
 * return from Stripe Checkout: the webhook may not have arrived yet (or was never set up).
 * Idempotent, like the webhook it stands in for; provider errors leave the order as it is.
 */
export async function syncOrderPayment(options: {
  conferenceId: string;
  userId: string;
  orderId: string;
  provider?: PaymentProvider;
}): Promise<Order | null> {
  const { conferenceId, userId, orderId } = options;
  const order = await prisma.order.findFirst({ where: { id: orderId, conferenceId, userId } });
  if (!order || order.status !== "PENDING" || !order.stripeSessionId) return order;
  let state;
  try {
    state = await (options.provider ?? getPaymentProvider()).getPaymentState(order.stripeSessionId);
  } catch (error) {
    logger.error({ orderId, detail: error instanceof Error ? error.message : error }, "could not ask the payment provider about an order");
    return order;
  }
  const settled = await settleOrderPayment({ orderId, sessionId: order.stripeSessionId, state });
  return settled?.order ?? order;
}
