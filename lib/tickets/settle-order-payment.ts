import type { Order } from "@/lib/db/client";
import type { PaymentState } from "@/lib/payments/payment-provider";
import { cancelOrder } from "./cancel-order";
import { markOrderPaid } from "./mark-order-paid";

/**
 * What a payment's state at the provider means for its order: paid issues the tickets, expired
 * (it can no longer complete) gives the seats and code uses back, open changes nothing (null).
 * Idempotent, so the webhook, its redeliveries and the attendee's return may all report it.
 */
export async function settleOrderPayment(options: {
  orderId: string;
  sessionId: string;
  state: PaymentState;
}): Promise<{ order: Order; changed: boolean } | null> {
  const { orderId, sessionId, state } = options;
  if (state === "paid") return markOrderPaid({ orderId, stripeSessionId: sessionId });
  if (state === "expired") return cancelOrder({ orderId });
  return null;
}
