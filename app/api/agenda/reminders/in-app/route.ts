import { requirePermission, withErrors } from "../../../_lib/route";
import { listInAppReminders } from "@/lib/reminders/list-in-app-reminders";

// GET /api/agenda/reminders/in-app — the signed-in attendee's in-app reminders still to show.
export const GET = withErrors(async (request: Request) => {
  const { user } = await requirePermission("agenda:edit", request);
  return Response.json({ reminders: await listInAppReminders({ userId: user.id }) });
});
