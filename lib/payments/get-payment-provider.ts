import { env } from "@/lib/config/env";
import { createStripeProvider } from "./stripe-provider";
import { noPaymentProvider, type PaymentProvider } from "./payment-provider";

let cached: PaymentProvider | undefined;

/** Stripe when STRIPE_SECRET_KEY is set, otherwise organizers confirm payments by hand. */
export function getPaymentProvider(): PaymentProvider {
  cached ??= env.STRIPE_SECRET_KEY ? createStripeProvider({ secretKey: env.STRIPE_SECRET_KEY }) : noPaymentProvider;
  return cached;
}
