import { z } from "zod";
import { json, parseJson, parseQuery, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { createDiscountCode } from "@/lib/tickets/create-discount-code";
import { listDiscountCodes } from "@/lib/tickets/list-discount-codes";
import { CreateDiscountCodeInput } from "@/lib/tickets/schemas";
import { safeText } from "@/lib/validation/text";

const CodesQuery = z.object({ q: safeText({ max: 60 }).optional() });

// GET /api/admin/tickets/codes?q= — codes with their usage.
export const GET = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { q } = parseQuery(request, CodesQuery);
  return json(await listDiscountCodes({ conferenceId: conference.id, q }));
});

// POST /api/admin/tickets/codes { code, kind, value, maxRedemptions?, validFrom?, validUntil?, oncePerAttendee, ticketTypeIds }
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const input = await parseJson(request, CreateDiscountCodeInput);
  const discountCode = await createDiscountCode({ conferenceId: conference.id, input });
  return json({ discountCode }, { status: 201 });
});
