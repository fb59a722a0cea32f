import { AppError } from "@/lib/errors/app-error";
import { json, parseJson, requireUser, withErrors } from "@/app/api/_lib/route";
import { canCreateConference } from "@/lib/permissions/can";
import { listOrganizedConferences } from "@/lib/conference/list-organized-conferences";
import { importIntoNewConference } from "@/lib/import/import-into-new-conference";
import { ImportNewConferenceInput, MAX_IMPORT_BYTES } from "@/lib/import/schemas";

// POST /api/conferences { format?, source, name?, slug? } — a new conference from a pretalx
// schedule.json or frab schedule.xml, organized by whoever imports it (an organizer of another
// conference here). -> 201 { conference: { id, slug, name }, ...the import's counts and warnings }
export const POST = withErrors(async (request: Request) => {
  const user = await requireUser(request);
  const organized = await listOrganizedConferences({ userId: user.id });
  if (!canCreateConference({ userId: user.id, organizedConferences: organized.length })) {
    throw new AppError("FORBIDDEN", "Only organizers of a conference here can start a new one");
  }
  const input = await parseJson(request, ImportNewConferenceInput, { maxBytes: 2 * MAX_IMPORT_BYTES + 64 * 1024 });
  return json(await importIntoNewConference({ userId: user.id, input }), { status: 201 });
});
