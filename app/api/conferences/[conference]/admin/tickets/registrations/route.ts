import { parseQuery, requirePermission, withErrors } from "../../../_lib/route";
import { listRegistrations } from "@/lib/tickets/list-registrations";
import { RegistrationsQuery } from "@/lib/tickets/schemas";

// GET /api/admin/tickets/registrations?q=&status=&take=&skip= — issued tickets and their holders.
export const GET = withErrors(async (request: Request) => {
  const { conference } = await requirePermission("conference:organize", request);
  const query = parseQuery(request, RegistrationsQuery);
  return Response.json(await listRegistrations({ conferenceId: conference.id, query }));
});
