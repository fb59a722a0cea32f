import type { Order } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { PaymentProvider } from "@/lib/payments/payment-provider";
import { cancelOrder } from "./cancel-order";
import { expireOrderPayment } from "./expire-order-payment";

/**
 * An attendee withdraws their unpaid order. A Stripe Checkout session is expired first, so the
 * attendee cannot pay for an order we have cancelled; if Stripe says it is too late (paid), the
 * order is settled instead and the cancellation refused.
 */
export async function cancelOwnOrder(options: {
  conferenceId: string;
  userId: string;
  orderId: string;
  provider?: PaymentProvider;
}): Promise<{ order: Order; changed: boolean }> {
  const { conferenceId, userId, orderId } = options;
  const order = await prisma.order.findFirst({ where: { id: orderId, conferenceId, userId } });
  if (!order) throw notFound("Order");
  if (order.status === "PAID") throw new AppError("CONFLICT", "This order is paid; ask an organizer if you need a refund");
  if (order.status === "CANCELLED") return { order, changed: false };
  const payment = await expireOrderPayment({ order, provider: options.provider });
  if (payment === "paid")
    throw new AppError("CONFLICT", "You have already paid for this order, so it stays: your ticket is issued. Ask an organizer if you need a refund");
  if (payment === "processing") throw new AppError("CONFLICT", "Your payment is already being processed; the order will update in a moment");
  return cancelOrder({ orderId, conferenceId, userId });
}
