import type { Order } from "@/lib/db/client";
import type { PaymentState } from "@/lib/payments/payment-provider";
import { AppError } from "@/lib/errors/app-error";
import { cancelOrder } from "./cancel-order";
import { markOrderPaid } from "./mark-order-paid";
import { reinstatePaidOrder } from "./reinstate-paid-order";

/**
 * What a payment's state at the provider means for its order: paid issues the tickets (and
 * reinstates an order cancelled meanwhile: the money is taken, see reinstate-paid-order.ts),
 * expired (it can no longer complete) gives the seats and code uses back, open changes nothing
 * (null). Idempotent, so the webhook, its redeliveries and the attendee's return may all report it.
 */
export async function settleOrderPayment(options: {
  orderId: string;
  sessionId: string;
  state: PaymentState;
}): Promise<{ order: Order; changed: boolean; reinstated?: boolean } | null> {
  const { orderId, sessionId, state } = options;
  if (state === "paid") {
    try {
      return await markOrderPaid({ orderId, stripeSessionId: sessionId });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
      const reinstated = await reinstatePaidOrder({ orderId, stripeSessionId: sessionId });
      return { ...reinstated, reinstated: reinstated.changed };
    }
  }
  if (state === "expired") return cancelOrder({ orderId });
  return null;
}
