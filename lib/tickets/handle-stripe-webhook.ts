import { parseStripeWebhook } from "@/lib/payments/parse-stripe-webhook";
import { settleOrderPayment } from "./settle-order-payment";

export type StripeWebhookOutcome = { type: string; orderId: string | null; action: "paid" | "reinstated" | "cancelled" | "ignored" };

/**
 * A signed Stripe webhook settles the order it is about. Stripe redelivers until it gets a 2xx,
 * and settling is idempotent, so a redelivery changes nothing.
 */
export async function handleStripeWebhook(options: { rawBody: string; signature: string | null; secret?: string }): Promise<StripeWebhookOutcome> {
  const event = parseStripeWebhook(options);
  const { type, orderId, sessionId, state } = event;
  if (!orderId || !sessionId || !state) return { type, orderId, action: "ignored" };
  const settled = await settleOrderPayment({ orderId, sessionId, state });
  if (state === "paid") return { type, orderId, action: settled?.reinstated ? "reinstated" : "paid" };
  return { type, orderId, action: settled?.changed ? "cancelled" : "ignored" };
}
