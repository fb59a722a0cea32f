import { json, requireUser, withErrors } from "../../../_lib/route";
import { listInAppReminders } from "@/lib/reminders/list-in-app-reminders";

// GET /api/agenda/reminders/in-app — the signed-in attendee's in-app reminders still to show.
export const GET = withErrors(async (request: Request) => {
  // A reminder is the account's own, in any conference: signed in is enough (the service checks the favourite is theirs).
  const user = await requireUser(request);
  return json({ reminders: await listInAppReminders({ userId: user.id }) });
});
