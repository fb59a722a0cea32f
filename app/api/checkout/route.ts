import { parseJson, requireUser, withErrors } from "../_lib/route";
import { env } from "@/lib/config/env";
import { getCurrentConferenceIdOrThrow } from "@/lib/conference/get-current-conference";
import { checkOut } from "@/lib/tickets/check-out";
import { CheckoutInput } from "@/lib/tickets/schemas";

// POST /api/checkout { ticketTypeId, quantity, discountCode? } — places the order.
// Answers { order, tickets, quote, paymentUrl }: send the browser to paymentUrl when it is set.
// Anyone signed in may buy a ticket: no viewer (roles, tickets) is built and only the conference's
// id is needed (remembered for a few seconds), so a ticket rush spends its time on the checkout.
export const POST = withErrors(async (request: Request) => {
  const [conferenceId, user] = await Promise.all([getCurrentConferenceIdOrThrow(), requireUser(request)]);
  const input = await parseJson(request, CheckoutInput);
  const result = await checkOut({ conferenceId, user, input, returnBaseUrl: env.PUBLIC_URL });
  return Response.json(result, { status: 201 });
});
