import { json, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { markOrderPaid } from "@/lib/tickets/mark-order-paid";

// POST /api/admin/tickets/orders/:id/paid — the organizer received the money (bank transfer, cash).
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext<{ id: string }>) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { id } = await context.params;
  return json(await markOrderPaid({ orderId: id, conferenceId: conference.id }));
});
