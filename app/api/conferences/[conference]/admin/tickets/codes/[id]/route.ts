import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { updateDiscountCode } from "@/lib/tickets/update-discount-code";
import { UpdateDiscountCodeInput } from "@/lib/tickets/schemas";

// PATCH /api/admin/tickets/codes/:id { maxRedemptions?, validFrom?, validUntil?, oncePerAttendee? }
export const PATCH = withErrors(async (request: Request, context: ConferenceRouteContext<{ id: string }>) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const { id } = await context.params;
  const input = await parseJson(request, UpdateDiscountCodeInput);
  const discountCode = await updateDiscountCode({ conferenceId: conference.id, discountCodeId: id, input });
  return json({ discountCode });
});
