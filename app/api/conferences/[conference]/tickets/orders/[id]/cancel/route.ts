import { json, requireUserContext, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { cancelOwnOrder } from "@/lib/tickets/cancel-own-order";

// POST /api/tickets/orders/:id/cancel — the signed-in attendee withdraws their unpaid order.
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext<{ id: string }>) => {
  const { conference, user } = await requireUserContext(request, context);
  const { id } = await context.params;
  return json(await cancelOwnOrder({ conferenceId: conference.id, userId: user.id, orderId: id }));
});
