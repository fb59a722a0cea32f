import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { createTicketType } from "@/lib/tickets/create-ticket-type";
import { listTicketTypes } from "@/lib/tickets/list-ticket-types";
import { CreateTicketTypeInput } from "@/lib/tickets/schemas";

// GET /api/admin/tickets/types — every ticket type, inactive ones included.
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const ticketTypes = await listTicketTypes({ conferenceId: conference.id, includeInactive: true });
  return json({ ticketTypes });
});

// POST /api/admin/tickets/types { name, priceCents, currency, quota?, salesStartAt?, salesEndAt? }
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const input = await parseJson(request, CreateTicketTypeInput);
  const ticketType = await createTicketType({ conferenceId: conference.id, input });
  return json({ ticketType }, { status: 201 });
});
