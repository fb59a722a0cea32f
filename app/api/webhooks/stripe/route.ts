import { withErrors } from "../../_lib/route";
import { handleStripeWebhook } from "@/lib/tickets/handle-stripe-webhook";

// POST /api/webhooks/stripe — Stripe calls this; the signature over the raw body is who asks.
export const POST = withErrors(async (request: Request) => {
  const rawBody = await request.text();
  const outcome = await handleStripeWebhook({ rawBody, signature: request.headers.get("stripe-signature") });
  return Response.json({ received: true, ...outcome });
});
