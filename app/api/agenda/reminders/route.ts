import { z } from "zod";
import { json, parseJson, parseQuery, requireUser, withErrors } from "../../_lib/route";
import { ReminderPreferenceInput } from "@/lib/reminders/schemas";
import { getReminderPreferenceOrThrow } from "@/lib/reminders/get-reminder-preference";
import { setReminderPreference } from "@/lib/reminders/set-reminder-preference";

const Query = z.object({ talkId: z.string().min(1).max(64) }).strict();

// GET /api/agenda/reminders?talkId= — how a talk the signed-in attendee starred reminds them.
export const GET = withErrors(async (request: Request) => {
  // A reminder is the account's own, in any conference: signed in is enough (the service checks the favourite is theirs).
  const user = await requireUser(request);
  const { talkId } = parseQuery(request, Query);
  return json(await getReminderPreferenceOrThrow({ userId: user.id, talkId }));
});

// PUT /api/agenda/reminders { talkId, minutesBefore, inApp, email } — choose the reminder of one's own starred talk.
export const PUT = withErrors(async (request: Request) => {
  // A reminder is the account's own, in any conference: signed in is enough (the service checks the favourite is theirs).
  const user = await requireUser(request);
  const input = await parseJson(request, ReminderPreferenceInput);
  return json(await setReminderPreference({ userId: user.id, ...input }));
});
