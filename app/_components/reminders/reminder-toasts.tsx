"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { InAppReminderView } from "@/lib/reminders/schemas";
import { useRealtime } from "../realtime/use-realtime";
import { request } from "../realtime/request";
import { buttonClass } from "../ui/button";
import { conferencePath } from "@/lib/conference/conference-path";

/** "Starts in 10 min", "Starts in 1 min", "Starting now". */
function startsIn(startsAt: string, now: number): string {
  const minutes = Math.ceil((Date.parse(startsAt) - now) / 60_000);
  if (minutes <= 0) return "Starting now";
  return `Starts in ${minutes} min`;
}

/**
 * Reminders of starred talks, as toasts in a corner of every page of a signed-in attendee: pushed
 * live to the account's sockets, and, for one sent while no page was open, listed again at the
 * next page load until it is closed or its talk is over. Put it in the layout.
 */
export function ReminderToasts({ realtimeUrl }: { realtimeUrl: string }) {
  const { socket } = useRealtime(realtimeUrl);
  const [reminders, setReminders] = useState<InAppReminderView[]>([]);
  const [now, setNow] = useState(() => Date.now());

  const add = useCallback((incoming: InAppReminderView[]) => {
    setReminders((current) => {
      const known = new Set(current.map((r) => r.id));
      const fresh = incoming.filter((r) => !known.has(r.id));
      return fresh.length ? [...current, ...fresh] : current;
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    void fetch("/api/agenda/reminders/in-app")
      .then((res) => (res.ok ? (res.json() as Promise<{ reminders: InAppReminderView[] }>) : null))
      .then((body) => !cancelled && body && add(body.reminders))
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [add]);

  useEffect(() => {
    if (!socket) return;
    // Again after every reconnect: a new connection has not joined the account's room.
    const listen = () => void request(socket, "reminders:listen", {});
    const onReminder = (reminder: InAppReminderView) => add([reminder]);
    if (socket.connected) listen();
    socket.on("connect", listen);
    socket.on("reminder:due", onReminder);
    return () => {
      socket.off("connect", listen);
      socket.off("reminder:due", onReminder);
    };
  }, [socket, add]);

  // The countdown on each toast follows the clock.
  useEffect(() => {
    if (reminders.length === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, [reminders.length]);

  function dismiss(id: string) {
    setReminders((current) => current.filter((r) => r.id !== id));
    void fetch("/api/agenda/reminders/in-app/dismiss", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reminderId: id }),
    }).catch(() => {});
  }

  return (
    <section
      aria-label="Reminders"
      aria-live="polite"
      className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-[min(22rem,calc(100vw-2rem))] flex-col gap-3"
    >
      {reminders.map((reminder) => (
        <article
          key={reminder.id}
          aria-label={`Reminder: ${reminder.talkTitle}`}
          className="pointer-events-auto rounded-2xl border border-zinc-200 bg-white p-4 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <div className="flex items-start gap-3">
            <span
              aria-hidden="true"
              className="mt-0.5 grid h-8 w-8 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-600 dark:bg-brand-600/20"
            >
              <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5">
                <path d="M5 8a5 5 0 0110 0c0 4 1.5 5.5 1.5 5.5h-13S5 12 5 8zM8.5 16a1.5 1.5 0 003 0" strokeLinejoin="round" strokeLinecap="round" />
              </svg>
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-sm font-semibold text-brand-600 dark:text-brand-500">{startsIn(reminder.startsAt, now)}</p>
              <p className="mt-0.5 break-words font-medium leading-snug">{reminder.talkTitle}</p>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">{reminder.stageName}</p>
              <div className="mt-3 flex gap-2">
                <Link
                  href={conferencePath(reminder.conferenceSlug, `/talks/${reminder.talkSlug}`)}
                  onClick={() => dismiss(reminder.id)}
                  aria-label={`Join “${reminder.talkTitle}”`}
                  className={buttonClass("primary", "sm")}
                >
                  Join
                </Link>
                <button
                  type="button"
                  onClick={() => dismiss(reminder.id)}
                  aria-label={`Dismiss the reminder for “${reminder.talkTitle}”`}
                  className={buttonClass("ghost", "sm")}
                >
                  Dismiss
                </button>
              </div>
            </div>
          </div>
        </article>
      ))}
    </section>
  );
}
