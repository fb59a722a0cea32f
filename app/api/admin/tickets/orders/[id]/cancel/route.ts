import { requirePermission, withErrors, type RouteContext } from "../../../../../_lib/route";
import { cancelOrder } from "@/lib/tickets/cancel-order";

// POST /api/admin/tickets/orders/:id/cancel — drop an unpaid order; its seats and code uses return.
export const POST = withErrors(async (request: Request, context: RouteContext<{ id: string }>) => {
  const { conference } = await requirePermission("conference:organize", request);
  const { id } = await context.params;
  return Response.json(await cancelOrder({ orderId: id, conferenceId: conference.id }));
});
