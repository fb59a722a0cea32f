import { json, parseQuery, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { listRegistrations } from "@/lib/tickets/list-registrations";
import { RegistrationsQuery } from "@/lib/tickets/schemas";

// GET /api/admin/tickets/registrations?q=&status=&take=&skip= — issued tickets and their holders.
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const query = parseQuery(request, RegistrationsQuery);
  return json(await listRegistrations({ conferenceId: conference.id, query }));
});
