import { AppError } from "@/lib/errors/app-error";

// Payments sit behind one small interface chosen by config (see get-payment-provider.ts):
// "none" leaves unpaid orders pending until an organizer marks them paid; "stripe" sends the
// attendee to Stripe Checkout and reports back through a signed webhook. This folder is a port:
// it knows payments and sessions, never orders or tickets (lib/tickets decides what a payment's
// state means for an order).

export type StartPaymentInput = {
  orderId: string;
  description: string;
  amountCents: number;
  currency: string;
  customerEmail?: string;
  successUrl: string;
  cancelUrl: string;
};

export type StartedPayment = { sessionId: string; url: string };

/** Where a started payment stands at the provider; "expired": it can no longer complete. */
export type PaymentState = "paid" | "open" | "expired";

/** A provider's verified notice about a payment, in the port's terms (see parse-stripe-webhook.ts). */
export type PaymentEvent = {
  // The provider's own name for the event, for the answer to the provider and for logs.
  type: string;
  // The order the payment was started for, when the event is about one.
  orderId: string | null;
  sessionId: string | null;
  // null: the event is not about a payment's state.
  state: PaymentState | null;
};

/** What expiring a Checkout session found (see PaymentProvider.expireCheckoutSession). */
export type CheckoutSessionClosing = "expired" | "paid" | "processing";

export type PaymentProvider = {
  readonly name: "none" | "stripe";
  /** null when this provider collects no payment online (the organizer confirms by hand). */
  startPayment(input: StartPaymentInput): Promise<StartedPayment | null>;
  /**
   * Makes a started Checkout session impossible to pay, so an order can be cancelled safely.
   * "expired": nobody can pay it any more; "paid": too late, the attendee paid; "processing": the
   * attendee completed it with a delayed payment method. Throws when the provider cannot be asked.
   */
  expireCheckoutSession(sessionId: string): Promise<CheckoutSessionClosing>;
  /** Asks the provider directly, for when a webhook is late or was never configured. */
  getPaymentState(sessionId: string): Promise<PaymentState>;
};

export const noPaymentProvider: PaymentProvider = {
  name: "none",
  async startPayment() {
    return null;
  },
  async expireCheckoutSession() {
    // An order that went to Stripe while it was configured: without Stripe we cannot close it.
    throw new AppError("UNAVAILABLE", "Payments are not configured (STRIPE_SECRET_KEY): this order's Stripe Checkout session cannot be closed");
  },
  async getPaymentState() {
    return "open";
  },
};
