import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { updateTicketType } from "@/lib/tickets/update-ticket-type";
import { UpdateTicketTypeInput } from "@/lib/tickets/schemas";

// PATCH /api/admin/tickets/types/:id — any subset of the ticket type's fields.
export const PATCH = withErrors(async (request: Request, context: ConferenceRouteContext<{ id: string }>) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { id } = await context.params;
  const input = await parseJson(request, UpdateTicketTypeInput);
  const ticketType = await updateTicketType({ conferenceId: conference.id, ticketTypeId: id, input });
  return json({ ticketType });
});
