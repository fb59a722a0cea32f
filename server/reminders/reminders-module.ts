import { AppError } from "@/lib/errors/app-error";
import { rooms } from "@/lib/realtime/events";
import type { reminderClientEvents } from "@/lib/reminders/events";
import { logger } from "@/lib/logging/logger";
import type { FeatureModule } from "../feature-module";
import type { EventHandlers } from "../socket/dispatch";
import { sendDueReminders, type ReminderRunOptions } from "./send-due-reminders";

export type RemindersModuleOptions = ReminderRunOptions & {
  /** How often each node sweeps for due reminders (ms); 0 turns the runner off on this node. */
  sweepEveryMs: number;
};

const defaults: RemindersModuleOptions = { sweepEveryMs: 10_000 };

/** Tests tune the runner (sweep interval, retries) before starting a server; production keeps the defaults. */
export function configureReminders(options: Partial<RemindersModuleOptions>): () => void {
  const before = { ...defaults };
  Object.assign(defaults, options);
  return () => {
    for (const key of Object.keys(defaults)) if (!(key in before)) (defaults as Record<string, unknown>)[key] = undefined;
    Object.assign(defaults, before);
  };
}

const reminderEvents = {
  // Reminders are the account's own: a socket that shows them joins the account's room.
  "reminders:listen": async (_input, socket) => {
    const user = socket.data.user;
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to get reminders");
    await socket.join(rooms.user(user.id));
  },
} satisfies EventHandlers<keyof typeof reminderClientEvents>;

/**
 * Reminders of starred talks. Every realtime node runs the same runner; the database hands each
 * due reminder to one of them, so the cluster needs no leader and a node can go at any time.
 */
export function remindersModule(): FeatureModule {
  const options = { ...defaults };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    name: "reminders",
    async setup({ io }) {
      if (options.sweepEveryMs > 0) {
        timer = setInterval(() => {
          if (running) return;
          running = sendDueReminders(io, options)
            .catch((error: unknown) => logger.error({ err: error }, "reminder sweep failed"))
            .finally(() => (running = null));
        }, options.sweepEveryMs);
        timer.unref();
      }
      return { events: reminderEvents };
    },
    // A node being replaced finishes the sweep it started; the next node picks up the rest.
    async drain() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
