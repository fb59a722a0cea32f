import { AppError } from "@/lib/errors/app-error";
import { parseJson, requirePermission, withErrors } from "@/app/api/_lib/route";
import { importSchedule } from "@/lib/import/import-schedule";
import { ImportScheduleInput, MAX_IMPORT_BYTES } from "@/lib/import/schemas";

// POST /api/admin/import — JSON { format?: "auto"|"pretalx-json"|"frab-xml", source } or a
// multipart form with `file` (and `format`), e.g. `curl -F file=@schedule.xml`.
// -> { format, stages, tracks, speakers, talks: { created, updated, unchanged }, warnings, conflicts }
export const POST = withErrors(async (request: Request) => {
  const { conference } = await requirePermission("conference:organize", request);
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES + 64 * 1024) throw new AppError("PAYLOAD_TOO_LARGE", "The file is larger than 5 MB");
  const input = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data")
    ? await parseUpload(request)
    : await parseJson(request, ImportScheduleInput);
  return Response.json(await importSchedule({ conferenceId: conference.id, input }));
});

async function parseUpload(request: Request): Promise<ImportScheduleInput> {
  const form = await request.formData();
  const file = form.get("file");
  const source = typeof file === "string" ? file : file ? await file.text() : "";
  return ImportScheduleInput.parse({ format: form.get("format") ?? undefined, source });
}
