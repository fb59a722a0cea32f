import { env } from "@/lib/config/env";
import { rooms } from "@/lib/realtime/events";
import { sendMail } from "@/lib/mail/send-mail";
import { talkReminderMail } from "@/lib/mail/reminder-mail";
import { claimDueReminders, type ClaimOptions } from "@/lib/reminders/claim-due-reminders";
import { describeReminders, type ReminderDelivery } from "@/lib/reminders/describe-reminders";
import { markReminderFailed, markReminderSent } from "@/lib/reminders/settle-reminder";
import type { InAppReminderView } from "@/lib/reminders/schemas";
import { logger } from "@/lib/logging/logger";
import type { PlenaryServer } from "../socket/types";
import { conferencePath } from "@/lib/conference/conference-path";

export type ReminderRunOptions = ClaimOptions & { retryDelayMs?: number };

export type SweepResult = { inApp: string[]; emailed: string[]; failed: string[] };

const toView = (d: ReminderDelivery): InAppReminderView => ({
  id: d.id,
  talkId: d.talkId,
  talkSlug: d.talkSlug,
  conferenceSlug: d.conferenceSlug,
  talkTitle: d.talkTitle,
  stageName: d.stageName,
  startsAt: d.startsAt,
});

/**
 * One sweep of this node's reminder runner: claims what is due (each reminder goes to one node of
 * the cluster, lib/reminders/claim-due-reminders.ts) and delivers it. In-app reminders go to the
 * account's room, which the Redis adapter spreads to its sockets on every node; e-mails through
 * the mail sender, retried by a later sweep when the mail server refuses.
 */
export async function sendDueReminders(io: PlenaryServer, options: ReminderRunOptions = {}): Promise<SweepResult> {
  const result: SweepResult = { inApp: [], emailed: [], failed: [] };
  const claimed = await claimDueReminders(options);
  if (claimed.length === 0) return result;
  const details = await describeReminders({ reminderIds: claimed.map((r) => r.id) });
  for (const reminder of claimed) {
    const delivery = details.get(reminder.id);
    if (!delivery) continue; // unstarred since the claim: the row went with the favourite
    try {
      if (reminder.channel === "IN_APP") {
        io.to(rooms.user(reminder.userId)).emit("reminder:due", toView(delivery));
        await markReminderSent({ reminderId: reminder.id });
        result.inApp.push(reminder.id);
      } else {
        await sendMail(
          talkReminderMail({
            to: delivery.userEmail,
            name: delivery.userName,
            talkTitle: delivery.talkTitle,
            stageName: delivery.stageName,
            startsAt: new Date(delivery.startsAt),
            timeZone: delivery.timeZone,
            conferenceName: delivery.conferenceName,
            talkUrl: `${env.PUBLIC_URL}${conferencePath(delivery.conferenceSlug, `/talks/${delivery.talkSlug}`)}`,
            agendaUrl: `${env.PUBLIC_URL}${conferencePath(delivery.conferenceSlug, "/agenda")}`,
            now: options.now,
          }),
        );
        await markReminderSent({ reminderId: reminder.id });
        result.emailed.push(reminder.id);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const outcome = await markReminderFailed({
        reminderId: reminder.id,
        attempts: reminder.attempts,
        error: message,
        maxAttempts: options.maxAttempts,
        retryDelayMs: options.retryDelayMs,
        now: options.now,
      }).catch(() => "unknown");
      logger.warn({ err: error, reminderId: reminder.id, channel: reminder.channel, outcome }, "reminder not delivered");
      result.failed.push(reminder.id);
    }
  }
  return result;
}
