import { json, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { revokeTicket } from "@/lib/tickets/revoke-ticket";

// POST /api/admin/tickets/registrations/:ticketId/revoke
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext<{ ticketId: string }>) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { ticketId } = await context.params;
  return json(await revokeTicket({ ticketId, conferenceId: conference.id }));
});
