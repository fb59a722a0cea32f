import { json, getRequestContext, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { listTicketTypes } from "@/lib/tickets/list-ticket-types";

// GET /api/tickets — the ticket types attendees can see, with availability.
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await getRequestContext(request, context);
  const ticketTypes = await listTicketTypes({ conferenceId: conference.id });
  return json({ ticketTypes });
});
