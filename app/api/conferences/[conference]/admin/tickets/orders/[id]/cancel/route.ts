import { json, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { cancelConferenceOrder } from "@/lib/tickets/cancel-conference-order";

// POST /api/admin/tickets/orders/:id/cancel — drop an unpaid order (its Stripe Checkout session is
// expired first); its seats and code uses return.
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext<{ id: string }>) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { id } = await context.params;
  return json(await cancelConferenceOrder({ orderId: id, conferenceId: conference.id }));
});
