// Payments sit behind one small interface chosen by config (see get-payment-provider.ts):
// "none" leaves unpaid orders pending until an organizer marks them paid; "stripe" sends the
// attendee to Stripe Checkout and settles the order from a signed webhook.

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

/** Where a started payment stands at the provider. */
export type PaymentState = "paid" | "open" | "expired";

export type PaymentProvider = {
  readonly name: "none" | "stripe";
  /** null when this provider collects no payment online (the organizer confirms by hand). */
  startPayment(input: StartPaymentInput): Promise<StartedPayment | null>;
  /** Makes a started payment impossible to complete; throws if it already completed. */
  cancelPayment(sessionId: string): Promise<void>;
  /** Asks the provider directly, for when a webhook is late or was never configured. */
  getPaymentState(sessionId: string): Promise<PaymentState>;
};

export const noPaymentProvider: PaymentProvider = {
  name: "none",
  async startPayment() {
    return null;
  },
  async cancelPayment() {},
  async getPaymentState() {
    return "open";
  },
};
