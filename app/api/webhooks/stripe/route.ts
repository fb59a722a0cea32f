import { json, withErrors } from "../../_lib/route";
import { handleStripeWebhook } from "@/lib/tickets/handle-stripe-webhook";
import { MAX_JSON_BYTES, readBodyText } from "@/lib/security/read-body";

// POST /api/webhooks/stripe — Stripe calls this; the signature over the raw body is who asks.
// Exempt from the origin check: it is cross-origin by nature, carries no cookie, and an unsigned
// or wrongly signed body is refused by handleStripeWebhook.
export const POST = withErrors(
  async (request: Request) => {
    const rawBody = await readBodyText(request, MAX_JSON_BYTES);
    const outcome = await handleStripeWebhook({ rawBody, signature: request.headers.get("stripe-signature") });
    return json({ received: true, ...outcome });
  },
  { origin: "any" },
);
