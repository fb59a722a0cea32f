import { logger } from "@/lib/logging/logger";
import type { Order } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import type { PaymentProvider } from "@/lib/payments/payment-provider";
import { markOrderPaid } from "./mark-order-paid";

/**
 * Before an unpaid order is cancelled, its Stripe Checkout session is expired, so nobody can pay
 * for an order we have dropped. If Stripe says the attendee has paid already, the order is settled
 * now (tickets issued) and "paid" comes back: the caller refuses the cancellation. "processing":
 * a delayed payment is under way, the webhook will settle it. "expired": safe to cancel.
 */
export async function expireOrderPayment(options: { order: Order; provider?: PaymentProvider }): Promise<"expired" | "paid" | "processing"> {
  const { order } = options;
  if (!order.stripeSessionId) return "expired";
  let closing;
  try {
    closing = await (options.provider ?? getPaymentProvider()).expireCheckoutSession(order.stripeSessionId);
  } catch (error) {
    if (error instanceof AppError) throw error;
    logger.error({ orderId: order.id, detail: error instanceof Error ? error.message : error }, "could not expire the Checkout session of an order");
    throw new AppError("UNAVAILABLE", "The payment provider could not be reached to close this order's payment; nothing was cancelled, try again");
  }
  if (closing === "paid") await markOrderPaid({ orderId: order.id, stripeSessionId: order.stripeSessionId });
  return closing;
}
