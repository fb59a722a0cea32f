import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { ReminderPreference } from "./schemas";

const select = { talkId: true, remindMinutes: true, remindInApp: true, remindByEmail: true } as const;
type Row = { talkId: string; remindMinutes: number; remindInApp: boolean; remindByEmail: boolean };
const toPreference = (row: Row): ReminderPreference => ({
  talkId: row.talkId,
  minutesBefore: row.remindMinutes,
  inApp: row.remindInApp,
  email: row.remindByEmail,
});

/** How the attendee's starred talk reminds them; not found when they did not star it. */
export async function getReminderPreferenceOrThrow(options: { userId: string; talkId: string }): Promise<ReminderPreference> {
  const row = await prisma.favourite.findUnique({ where: { userId_talkId: { userId: options.userId, talkId: options.talkId } }, select });
  if (!row) throw notFound("Starred talk");
  return toPreference(row);
}

/** The reminders of every talk the attendee starred in a conference, by talk id (the agenda page). */
export async function listReminderPreferences(options: { userId: string; conferenceId: string }): Promise<Map<string, ReminderPreference>> {
  const rows = await prisma.favourite.findMany({ where: { userId: options.userId, talk: { conferenceId: options.conferenceId } }, select });
  return new Map(rows.map((row) => [row.talkId, toPreference(row)]));
}
