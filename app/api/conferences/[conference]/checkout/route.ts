import { parseJson, requireUser, withErrors } from "../_lib/route";
import { env } from "@/lib/config/env";
import { getCurrentConferenceOrThrow } from "@/lib/conference/get-current-conference";
import { checkOut } from "@/lib/tickets/check-out";
import { CheckoutInput } from "@/lib/tickets/schemas";

// POST /api/checkout { ticketTypeId, quantity, discountCode? } — places the order.
// Answers { order, tickets, quote, paymentUrl }: send the browser to paymentUrl when it is set.
// Anyone signed in may buy a ticket: no viewer (roles, tickets) is built, the conference and the
// session are read at once, so a ticket rush spends its time on the checkout itself.
export const POST = withErrors(async (request: Request) => {
  const [conference, user] = await Promise.all([getCurrentConferenceOrThrow(), requireUser(request)]);
  const input = await parseJson(request, CheckoutInput);
  const result = await checkOut({ conferenceId: conference.id, user, input, returnBaseUrl: env.PUBLIC_URL });
  return Response.json(result, { status: 201 });
});
