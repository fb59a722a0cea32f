import { json, parseQuery, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { listOrders } from "@/lib/tickets/list-orders";
import { OrdersQuery } from "@/lib/tickets/schemas";

// GET /api/admin/tickets/orders?q=&status=&take=&skip=
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const query = parseQuery(request, OrdersQuery);
  return json(await listOrders({ conferenceId: conference.id, query }));
});
