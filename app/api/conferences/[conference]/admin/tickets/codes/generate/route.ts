import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { generateDiscountCodes } from "@/lib/tickets/generate-discount-codes";
import { GenerateDiscountCodesInput } from "@/lib/tickets/schemas";

// POST /api/admin/tickets/codes/generate { count, prefix, kind, value, ... } — N unique codes.
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const input = await parseJson(request, GenerateDiscountCodesInput);
  const result = await generateDiscountCodes({ conferenceId: conference.id, input });
  return json(result, { status: 201 });
});
