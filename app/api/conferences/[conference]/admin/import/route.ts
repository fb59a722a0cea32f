import { json, parseJson, requirePermission, withErrors, type ConferenceRouteContext } from "@/app/api/_lib/route";
import { importSchedule } from "@/lib/import/import-schedule";
import { ImportScheduleInput, MAX_IMPORT_BYTES } from "@/lib/import/schemas";
import { mediaTypeOf, readBodyBytes } from "@/lib/security/read-body";

// A multipart body is the file plus a little form overhead; a JSON body may escape the file's
// quotes and newlines, so it may be up to twice the file. The schema checks the file itself.
const MAX_FORM_BYTES = MAX_IMPORT_BYTES + 64 * 1024;
const MAX_JSON_BYTES = 2 * MAX_IMPORT_BYTES + 64 * 1024;

// POST /api/admin/import — JSON { format?: "auto"|"pretalx-json"|"frab-xml", source, overwriteEdits? }
// or a multipart form with `file` (and `format`, `overwriteEdits=true`), e.g. `curl -F file=@schedule.xml`.
// -> { format, stages, tracks, speakers, talks: { created, updated, unchanged }, warnings, conflicts,
//      kept, overwritten: [{ talkId, title, fields }] }
export const POST = withErrors(async (request: Request, context: ConferenceRouteContext) => {
  const { conference } = await requirePermission("conference:organize", request, context);
  const input =
    mediaTypeOf(request) === "multipart/form-data"
      ? await parseUpload(request)
      : await parseJson(request, ImportScheduleInput, { maxBytes: MAX_JSON_BYTES });
  return json(await importSchedule({ conferenceId: conference.id, input }));
});

async function parseUpload(request: Request): Promise<ImportScheduleInput> {
  // Counted as it arrives: Content-Length may be missing or wrong.
  const body = await readBodyBytes(request, MAX_FORM_BYTES);
  const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  const file = form.get("file");
  const source = typeof file === "string" ? file : file ? await file.text() : "";
  const overwrite = form.get("overwriteEdits");
  return ImportScheduleInput.parse({ format: form.get("format") ?? undefined, source, overwriteEdits: overwrite === "true" || overwrite === "on" });
}
