import { z } from "zod";

/** The lead times an attendee can pick, in minutes before the talk starts. */
export const REMINDER_LEAD_MINUTES = [5, 10, 15, 30, 60] as const;
export const DEFAULT_REMINDER = { minutesBefore: 10, inApp: true, email: false } as const;

const LeadMinutes = z
  .number()
  .int()
  .refine((n) => (REMINDER_LEAD_MINUTES as readonly number[]).includes(n), { message: `Choose one of ${REMINDER_LEAD_MINUTES.join(", ")} minutes` });

/** How one starred talk reminds its attendee. */
export const ReminderPreferenceInput = z
  .object({
    talkId: z.string().min(1).max(64),
    minutesBefore: LeadMinutes,
    inApp: z.boolean(),
    email: z.boolean(),
  })
  .strict();
export type ReminderPreferenceInput = z.infer<typeof ReminderPreferenceInput>;

export type ReminderPreference = { talkId: string; minutesBefore: number; inApp: boolean; email: boolean };

/** An in-app reminder the attendee closed. */
export const DismissReminderInput = z.object({ reminderId: z.string().min(1).max(64) }).strict();
export type DismissReminderInput = z.infer<typeof DismissReminderInput>;

/** Sockets that show reminders ask for them (the account's own room). */
export const ListenForRemindersInput = z.object({}).strict();

/** What an in-app reminder shows: "Starts in 10 min — Join". */
export type InAppReminderView = {
  id: string;
  talkId: string;
  talkSlug: string;
  /** The talk page is /{conferenceSlug}/talks/{talkSlug}. */
  conferenceSlug: string;
  talkTitle: string;
  stageName: string;
  /** ISO instant of the talk's start (the toast counts down to it). */
  startsAt: string;
};

/** "10 min before · in-app and e-mail", or "No reminder". */
export function describeReminderPreference(preference: Pick<ReminderPreference, "minutesBefore" | "inApp" | "email">): string {
  const channels = [preference.inApp ? "in-app" : null, preference.email ? "e-mail" : null].filter(Boolean);
  if (channels.length === 0) return "No reminder";
  return `${preference.minutesBefore} min before · ${channels.join(" and ")}`;
}
