import { clientEvent } from "@/lib/realtime/contract";
import { ListenForRemindersInput, type InAppReminderView } from "./schemas";

// Reminders of starred talks reach the attendee's own sockets on any node (the account's room).

export const reminderClientEvents = {
  /** Signed in only: this socket joins its account's room and receives "reminder:due". */
  "reminders:listen": clientEvent(ListenForRemindersInput).acks(),
};

export type ReminderServerEvents = {
  "reminder:due": (reminder: InAppReminderView) => void;
};
