import { json, requireUserContext, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { listMyOrders } from "@/lib/tickets/list-my-orders";

// GET /api/tickets/mine — the signed-in attendee's orders and tickets.
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference, user } = await requireUserContext(request, context);
  const orders = await listMyOrders({ conferenceId: conference.id, userId: user.id });
  return json({ orders });
});
