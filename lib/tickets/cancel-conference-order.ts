import type { Order } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { PaymentProvider } from "@/lib/payments/payment-provider";
import { cancelOrder } from "./cancel-order";
import { expireOrderPayment } from "./expire-order-payment";

/**
 * An organizer drops an unpaid order of their conference. Its Stripe Checkout session is expired
 * first: otherwise the attendee could still pay for an order that no longer holds a seat. If the
 * attendee has paid already, the order is settled (their ticket issued) and the cancellation
 * refused, saying what to do instead.
 */
export async function cancelConferenceOrder(options: {
  conferenceId: string;
  orderId: string;
  provider?: PaymentProvider;
}): Promise<{ order: Order; changed: boolean }> {
  const { conferenceId, orderId } = options;
  const order = await prisma.order.findFirst({ where: { id: orderId, conferenceId } });
  if (!order) throw notFound("Order");
  if (order.status === "PAID") throw new AppError("CONFLICT", "This order is paid; revoke its tickets instead");
  if (order.status === "CANCELLED") return { order, changed: false };
  const payment = await expireOrderPayment({ order, provider: options.provider });
  if (payment === "paid") {
    throw new AppError(
      "CONFLICT",
      "The attendee has already paid for this order, so it was not cancelled: their ticket is issued now. To cancel it, revoke the ticket and refund the payment in Stripe",
    );
  }
  if (payment === "processing") {
    throw new AppError(
      "CONFLICT",
      "The attendee's payment is being processed, so the order was not cancelled. Once it settles, revoke the ticket and refund the payment in Stripe if needed",
    );
  }
  return cancelOrder({ orderId, conferenceId });
}
