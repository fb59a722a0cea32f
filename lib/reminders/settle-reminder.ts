import { prisma } from "@/lib/db/client";
import { CLAIM_DEFAULTS } from "./claim-due-reminders";

/** A claimed reminder went out. */
export async function markReminderSent(options: { reminderId: string; now?: Date }): Promise<void> {
  await prisma.talkReminder.update({ where: { id: options.reminderId }, data: { sentAt: options.now ?? new Date(), lastError: null } });
}

/**
 * A claimed reminder could not be delivered: tried again after `retryDelayMs` while attempts are
 * left (the claim counted this one), else given up with the reason kept.
 */
export async function markReminderFailed(options: {
  reminderId: string;
  attempts: number;
  error: string;
  maxAttempts?: number;
  retryDelayMs?: number;
  now?: Date;
}): Promise<"retry" | "failed"> {
  const now = options.now ?? new Date();
  const lastError = options.error.slice(0, 500);
  if (options.attempts >= (options.maxAttempts ?? CLAIM_DEFAULTS.maxAttempts)) {
    await prisma.talkReminder.update({ where: { id: options.reminderId }, data: { failedAt: now, lastError } });
    return "failed";
  }
  const nextAttemptAt = new Date(now.getTime() + (options.retryDelayMs ?? 30_000));
  await prisma.talkReminder.update({ where: { id: options.reminderId }, data: { nextAttemptAt, lastError } });
  return "retry";
}
