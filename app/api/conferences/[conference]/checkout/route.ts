import { json, parseJson, requireUser, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { env } from "@/lib/config/env";
import { getConferenceKeyBySlugOrThrow } from "@/lib/conference/get-conference-key-by-slug";
import { conferencePath } from "@/lib/conference/conference-path";
import { checkOut } from "@/lib/tickets/check-out";
import { CheckoutInput } from "@/lib/tickets/schemas";

// POST /api/conferences/{conference}/checkout { ticketTypeId, quantity, discountCode? } — places the order.
// Answers { order, tickets, quote, paymentUrl }: send the browser to paymentUrl when it is set.
// Anyone signed in may buy a ticket: no viewer (roles, tickets) is built and only the conference's
// id is needed (remembered for a few seconds), so a ticket rush spends its time on the checkout.
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference: slug } = await context.params;
  const [conference, user] = await Promise.all([getConferenceKeyBySlugOrThrow({ slug }), requireUser(request)]);
  const input = await parseJson(request, CheckoutInput);
  // The payment page sends the buyer back to this conference's ticket pages.
  const returnBaseUrl = `${env.PUBLIC_URL}${conferencePath(conference.slug)}`;
  const result = await checkOut({ conferenceId: conference.id, user, input, returnBaseUrl });
  return json(result, { status: 201 });
});
