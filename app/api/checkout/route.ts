import { parseJson, requireUserContext, withErrors } from "../_lib/route";
import { env } from "@/lib/config/env";
import { checkOut } from "@/lib/tickets/check-out";
import { CheckoutInput } from "@/lib/tickets/schemas";

// POST /api/checkout { ticketTypeId, quantity, discountCode? } — places the order.
// Answers { order, tickets, quote, paymentUrl }: send the browser to paymentUrl when it is set.
export const POST = withErrors(async (request: Request) => {
  const { conference, user } = await requireUserContext(request);
  const input = await parseJson(request, CheckoutInput);
  const result = await checkOut({ conferenceId: conference.id, user, input, returnBaseUrl: env.PUBLIC_URL });
  return Response.json(result, { status: 201 });
});
