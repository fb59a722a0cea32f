import { json, getRequestContext, parseJson, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { priceCheckout } from "@/lib/tickets/price-checkout";
import { CheckoutInput } from "@/lib/tickets/schemas";

// POST /api/checkout/quote { ticketTypeId, quantity, discountCode? } — the price, or why not.
// Anyone may ask (the price list is public); once-per-attendee checks need a session.
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference, user } = await getRequestContext(request, context);
  const input = await parseJson(request, CheckoutInput);
  const quote = await priceCheckout({ conferenceId: conference.id, userId: user?.id ?? null, input });
  return json({ quote });
});
