"use client";
import { useEffect, useId, useRef, useState } from "react";
import { REMINDER_LEAD_MINUTES, describeReminderPreference, type ReminderPreference } from "@/lib/reminders/schemas";
import { buttonClass } from "../ui/button";

type Reminder = Omit<ReminderPreference, "talkId">;

/**
 * Adds a talk to "my agenda" (optimistic; rolls back and says so if the server refuses). Once
 * starred, a bell next to the star opens the talk's reminder (opened by itself right after
 * starring): how long before, in the app and/or by e-mail.
 */
export function StarButton({
  talkId,
  title,
  initiallyStarred,
  reminder: initialReminder,
}: {
  talkId: string;
  title: string;
  initiallyStarred: boolean;
  /** The starred talk's reminder when the page knows it (the agenda shows it on the bell). */
  reminder?: Reminder;
}) {
  const [starred, setStarred] = useState(initiallyStarred);
  const [error, setError] = useState<string | null>(null);
  const [reminder, setReminder] = useState<Reminder | null>(initialReminder ?? null);
  const [open, setOpen] = useState(false);
  const bell = useRef<HTMLButtonElement>(null);
  const wrapper = useRef<HTMLSpanElement>(null);

  async function toggle() {
    const next = !starred;
    setStarred(next);
    setError(null);
    if (!next) setOpen(false);
    const res = await fetch("/api/agenda/favourites", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ talkId, starred: next }),
    }).catch(() => null);
    if (!res || !res.ok) {
      setStarred(!next);
      const body = await res?.json().catch(() => null);
      setError(body?.error?.message ?? "Could not update your agenda");
      return;
    }
    const body = (await res.json().catch(() => null)) as { reminder: ReminderPreference | null } | null;
    setReminder(body?.reminder ?? null);
    // Right after starring, offer the reminder (in-app 10 minutes before unless changed).
    if (next) setOpen(true);
  }

  async function openReminder() {
    if (open) return setOpen(false);
    setError(null);
    if (!reminder) {
      const res = await fetch(`/api/agenda/reminders?talkId=${encodeURIComponent(talkId)}`).catch(() => null);
      if (!res || !res.ok) return setError("Could not load the reminder");
      setReminder((await res.json()) as ReminderPreference);
    }
    setOpen(true);
  }

  function closeReminder(refocus: boolean) {
    setOpen(false);
    if (refocus) bell.current?.focus();
  }

  return (
    <span ref={wrapper} className="relative z-10 flex items-center gap-1">
      {starred ? (
        <button
          ref={bell}
          type="button"
          onClick={openReminder}
          aria-expanded={open}
          aria-haspopup="dialog"
          aria-label={`Reminder for “${title}”${reminder ? `: ${describeReminderPreference(reminder)}` : ""}`}
          title={reminder ? describeReminderPreference(reminder) : "Reminder"}
          className={`flex h-8 items-center gap-1 rounded-lg px-1.5 text-xs font-medium transition hover:bg-zinc-100 dark:hover:bg-zinc-800 ${reminder && !reminder.inApp && !reminder.email ? "text-zinc-400 dark:text-zinc-500" : "text-brand-600 dark:text-brand-500"}`}
        >
          <BellIcon off={!!reminder && !reminder.inApp && !reminder.email} />
          {initialReminder && reminder ? <span>{reminder.inApp || reminder.email ? `${reminder.minutesBefore} min` : "Off"}</span> : null}
        </button>
      ) : null}
      <button
        type="button"
        onClick={toggle}
        aria-pressed={starred}
        aria-label={starred ? `Remove “${title}” from my agenda` : `Add “${title}” to my agenda`}
        className={`grid h-8 w-8 place-items-center rounded-lg transition hover:bg-zinc-100 dark:hover:bg-zinc-800 ${starred ? "text-amber-500" : "text-zinc-500 dark:text-zinc-400"}`}
      >
        <svg
          viewBox="0 0 20 20"
          className="h-5 w-5"
          fill={starred ? "currentColor" : "none"}
          stroke="currentColor"
          strokeWidth="1.5"
          aria-hidden="true"
        >
          <path d="M10 2.5l2.3 4.7 5.2.8-3.8 3.6.9 5.1L10 14.3l-4.6 2.4.9-5.1L2.5 8l5.2-.8L10 2.5z" strokeLinejoin="round" />
        </svg>
      </button>
      {open && starred && reminder ? (
        <ReminderPopover talkId={talkId} title={title} reminder={reminder} within={wrapper} onSaved={setReminder} onClose={closeReminder} />
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}

function BellIcon({ off }: { off: boolean }) {
  return (
    <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M5 8a5 5 0 0110 0c0 4 1.5 5.5 1.5 5.5h-13S5 12 5 8zM8.5 16a1.5 1.5 0 003 0" strokeLinejoin="round" strokeLinecap="round" />
      {off ? <path d="M3 3l14 14" strokeLinecap="round" /> : null}
    </svg>
  );
}

/** The reminder of one starred talk: a small dialog next to the star. Escape or "Close" leaves it. */
function ReminderPopover({
  talkId,
  title,
  reminder,
  within,
  onSaved,
  onClose,
}: {
  talkId: string;
  title: string;
  reminder: Reminder;
  /** Clicks inside it (the popover, the bell that toggles it) do not count as "elsewhere". */
  within: React.RefObject<HTMLElement | null>;
  onSaved: (reminder: Reminder) => void;
  /** `refocus`: give the focus back to the bell (keyboard), not when the user clicked elsewhere. */
  onClose: (refocus: boolean) => void;
}) {
  const id = useId();
  const [minutesBefore, setMinutesBefore] = useState(reminder.minutesBefore);
  const [inApp, setInApp] = useState(reminder.inApp);
  const [email, setEmail] = useState(reminder.email);
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string }>({ kind: "idle" });
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    // A click elsewhere on the page closes it, as a menu would.
    const onPointer = (event: PointerEvent) => {
      if (within.current && !within.current.contains(event.target as Node)) onClose(false);
    };
    // Escape closes it wherever the focus is (a menu's keyboard rule).
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose(true);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [within, onClose]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setState({ kind: "saving" });
    const res = await fetch("/api/agenda/reminders", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ talkId, minutesBefore, inApp, email }),
    }).catch(() => null);
    if (!res || !res.ok) {
      const body = await res?.json().catch(() => null);
      setState({ kind: "error", message: body?.error?.message ?? "Could not save the reminder" });
      return;
    }
    onSaved({ minutesBefore, inApp, email });
    setState({ kind: "saved" });
  }

  return (
    <div
      role="dialog"
      aria-label={`Reminder for “${title}”`}
      className="absolute right-0 top-full z-30 mt-2 w-64 rounded-2xl border border-zinc-200 bg-white p-4 text-left text-sm font-normal text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <form onSubmit={save} className="space-y-3">
        <p className="font-semibold">Remind me</p>
        <div className="space-y-1">
          <label htmlFor={`${id}-lead`} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
            When
          </label>
          <select
            ref={first}
            id={`${id}-lead`}
            value={minutesBefore}
            onChange={(e) => {
              setMinutesBefore(Number(e.target.value));
              setState({ kind: "idle" });
            }}
            className="block w-full rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            {REMINDER_LEAD_MINUTES.map((m) => (
              <option key={m} value={m}>
                {m} minutes before
              </option>
            ))}
          </select>
        </div>
        <fieldset className="space-y-1.5">
          <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-400">How</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={inApp}
              onChange={(e) => {
                setInApp(e.target.checked);
                setState({ kind: "idle" });
              }}
              className="h-4 w-4 rounded accent-brand-600"
            />
            In-app notification
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={email}
              onChange={(e) => {
                setEmail(e.target.checked);
                setState({ kind: "idle" });
              }}
              className="h-4 w-4 rounded accent-brand-600"
            />
            E-mail
          </label>
        </fieldset>
        <div className="flex items-center gap-2">
          <button type="submit" className={buttonClass("primary", "sm")} disabled={state.kind === "saving"}>
            {state.kind === "saving" ? "Saving…" : "Save reminder"}
          </button>
          <button type="button" className={buttonClass("ghost", "sm")} onClick={() => onClose(true)}>
            Close
          </button>
        </div>
        <p role="status" className="min-h-4 text-xs text-zinc-600 dark:text-zinc-400">
          {state.kind === "saved" ? `Saved: ${describeReminderPreference({ minutesBefore, inApp, email })}` : null}
          {state.kind === "error" ? <span className="text-red-600">{state.message}</span> : null}
        </p>
      </form>
    </div>
  );
}
