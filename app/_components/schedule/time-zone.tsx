"use client";
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";

// Times are stored as instants; each viewer reads them in their own zone by default, or in the
// conference's zone with the toggle. The choice is kept in localStorage and shared by the page.
type Mode = "local" | "conference";
const KEY = "plenary:time-zone-mode";
const listeners = new Set<() => void>();

function readMode(): Mode {
  try {
    return localStorage.getItem(KEY) === "conference" ? "conference" : "local";
  } catch {
    return "local";
  }
}
function setMode(mode: Mode) {
  try {
    localStorage.setItem(KEY, mode);
  } catch {}
  listeners.forEach((l) => l());
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const ConferenceZone = createContext<string>("UTC");

export function TimeZoneProvider({ conferenceZone, children }: { conferenceZone: string; children: ReactNode }) {
  return <ConferenceZone.Provider value={conferenceZone}>{children}</ConferenceZone.Provider>;
}

/** The zone times are shown in right now. Server render (and hydration) uses the conference zone. */
export function useDisplayZone(): { zone: string; mode: Mode | "server"; conferenceZone: string } {
  const conferenceZone = useContext(ConferenceZone);
  const mode = useSyncExternalStore<Mode | "server">(subscribe, readMode, () => "server");
  if (mode === "local") return { zone: Intl.DateTimeFormat().resolvedOptions().timeZone, mode, conferenceZone };
  return { zone: conferenceZone, mode, conferenceZone };
}

function format(iso: string, zone: string, opts: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, ...opts }).format(new Date(iso));
}

/**
 * A time (or range) in the display zone, with the day when it differs from `dayOf`.
 * `blankUntilHydrated`: the server (and hydration) render no time at all instead of the
 * conference's, so a viewer in another zone never sees it flash before their own (for places
 * where a time means nothing without JavaScript anyway, such as the player).
 */
export function TalkTime({
  start,
  end,
  showDay = false,
  className = "",
  blankUntilHydrated = false,
}: {
  start: string;
  end?: string;
  showDay?: boolean;
  className?: string;
  blankUntilHydrated?: boolean;
}) {
  const { zone, mode } = useDisplayZone();
  if (blankUntilHydrated && mode === "server") {
    return (
      <time dateTime={start} className={`tabular-nums ${className}`} aria-hidden="true">
        {"\u00a0"}
      </time>
    );
  }
  const t = (iso: string) => format(iso, zone, { hour: "2-digit", minute: "2-digit" });
  const day = showDay ? `${format(start, zone, { weekday: "short", day: "numeric", month: "short" })}, ` : "";
  return (
    <time dateTime={start} className={`tabular-nums ${className}`} data-zone={zone}>
      {day}
      {t(start)}
      {end ? `–${t(end)}` : ""}
    </time>
  );
}

export function ZoneToggle() {
  const { zone, mode, conferenceZone } = useDisplayZone();
  const local = mode === "local";
  // Unknown until hydrated (the server cannot know the viewer's zone).
  const localZone = mode === "server" ? null : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const same = localZone === conferenceZone;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Time zone">
      <span className="text-zinc-500">Times in</span>
      <div className="inline-flex rounded-xl border border-zinc-300 bg-white p-0.5 dark:border-zinc-700 dark:bg-zinc-900">
        <button
          type="button"
          aria-pressed={local}
          onClick={() => setMode("local")}
          className={`rounded-lg px-3 py-1 ${local ? "bg-brand-600 text-white" : "text-zinc-700 dark:text-zinc-300"}`}
        >
          My time{localZone && !same ? ` (${localZone})` : ""}
        </button>
        <button
          type="button"
          aria-pressed={!local}
          onClick={() => setMode("conference")}
          className={`rounded-lg px-3 py-1 ${!local ? "bg-brand-600 text-white" : "text-zinc-700 dark:text-zinc-300"}`}
        >
          Conference time ({conferenceZone})
        </button>
      </div>
      <span className="sr-only" aria-live="polite">
        Showing times in {zone}
      </span>
    </div>
  );
}
