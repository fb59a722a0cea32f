import { json, parseJson, requireUser, withErrors } from "../../../../_lib/route";
import { DismissReminderInput } from "@/lib/reminders/schemas";
import { dismissReminder } from "@/lib/reminders/dismiss-reminder";

// POST /api/agenda/reminders/in-app/dismiss { reminderId } — close one of one's own in-app reminders.
export const POST = withErrors(async (request: Request) => {
  // A reminder is the account's own, in any conference: signed in is enough (the service checks the favourite is theirs).
  const user = await requireUser(request);
  const input = await parseJson(request, DismissReminderInput);
  return json(await dismissReminder({ userId: user.id, ...input }));
});
