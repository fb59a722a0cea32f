import { parseQuery, requirePermission, withErrors } from "../../../_lib/route";
import { listOrders } from "@/lib/tickets/list-orders";
import { OrdersQuery } from "@/lib/tickets/schemas";

// GET /api/admin/tickets/orders?q=&status=&take=&skip=
export const GET = withErrors(async (request: Request) => {
  const { conference } = await requirePermission("conference:organize", request);
  const query = parseQuery(request, OrdersQuery);
  return Response.json(await listOrders({ conferenceId: conference.id, query }));
});
