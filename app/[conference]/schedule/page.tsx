import type { Metadata } from "next";
import Link from "next/link";
import { getPageContext } from "@/app/_lib/page-context";
import { getSchedule } from "@/lib/schedule/get-schedule";
import { listFavouriteTalkIds } from "@/lib/agenda/list-agenda";
import { formatDay } from "@/lib/schedule/time-zones";
import { TalkCard } from "@/app/_components/schedule/talk-card";
import { ScheduleTimeGrid } from "@/app/_components/schedule/schedule-time-grid";
import { ZoneToggle } from "@/app/_components/schedule/time-zone";
import { LiveRefresh } from "@/app/_components/schedule/live-refresh";
import { PageHeader, EmptyState } from "@/app/_components/ui/card";
import { buttonClass } from "@/app/_components/ui/button";

export const metadata: Metadata = { title: "Schedule" };

export default async function SchedulePage({ searchParams }: { searchParams: Promise<{ track?: string; day?: string; view?: string }> }) {
  const { track, day } = await searchParams;
  const view = (await searchParams).view === "grid" ? "grid" : "list";
  const { conference, user, realtimeUrl, href: conferenceHref } = await getPageContext();
  const trackSlug = typeof track === "string" && /^[a-z0-9-]{1,64}$/.test(track) ? track : undefined;
  const [{ stages, tracks, days }, starred] = await Promise.all([
    getSchedule({ conferenceId: conference.id, trackSlug }),
    listFavouriteTalkIds({ userId: user?.id ?? null, conferenceId: conference.id }),
  ]);
  const now = new Date();
  const activeDay = days.find((d) => d.day === day)?.day ?? days.find((d) => d.talks.some((t) => t.endsAt > now))?.day ?? days[0]?.day;
  const shown = days.find((d) => d.day === activeDay);
  const href = (params: { track?: string; day?: string; view?: string }) => {
    const q = new URLSearchParams();
    if (params.day) q.set("day", params.day);
    if (params.track) q.set("track", params.track);
    if ((params.view ?? view) === "grid") q.set("view", "grid");
    const s = q.toString();
    return s ? `${conferenceHref("/schedule")}?${s}` : conferenceHref("/schedule");
  };

  return (
    <div>
      <LiveRefresh conferenceId={conference.id} realtimeUrl={realtimeUrl} />
      <PageHeader
        title="Schedule"
        description={`Every session of ${conference.name}. Star talks to build your agenda.`}
        actions={
          <a href={conferenceHref("/calendar/schedule.ics")} className={buttonClass("secondary", "sm")}>
            Add to calendar (.ics)
          </a>
        }
      />
      <div className="mb-6 flex flex-col gap-4 lg:flex-row lg:items-center lg:justify-between">
        <nav aria-label="Conference days" className="flex gap-2 overflow-x-auto">
          {days.map((d, i) => (
            <Link
              key={d.day}
              href={href({ day: d.day, track: trackSlug })}
              aria-current={d.day === activeDay ? "page" : undefined}
              className={`whitespace-nowrap rounded-xl px-4 py-2 text-sm font-medium ${d.day === activeDay ? "bg-zinc-900 text-white dark:bg-white dark:text-zinc-900" : "bg-white text-zinc-700 ring-1 ring-zinc-200 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800"}`}
            >
              Day {i + 1} · {formatDay(d.day)}
            </Link>
          ))}
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <nav aria-label="Schedule view" className="flex rounded-xl bg-white p-1 text-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
            {(
              [
                ["list", "List"],
                ["grid", "Time grid"],
              ] as const
            ).map(([value, label]) => (
              <Link
                key={value}
                href={href({ day: activeDay, track: trackSlug, view: value })}
                aria-current={view === value ? "page" : undefined}
                className={`rounded-lg px-3 py-1.5 font-medium ${view === value ? "bg-zinc-900 text-white dark:bg-white dark:text-zinc-900" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
              >
                {label}
              </Link>
            ))}
          </nav>
          {view === "list" ? <ZoneToggle /> : null}
        </div>
      </div>
      <nav aria-label="Filter by track" className="mb-8 flex flex-wrap gap-2 text-sm">
        <Link
          href={href({ day: activeDay })}
          aria-current={!trackSlug ? "true" : undefined}
          className={`rounded-full px-3 py-1 ring-1 ${!trackSlug ? "bg-brand-600 text-white ring-brand-600" : "ring-zinc-300 dark:ring-zinc-700"}`}
        >
          All tracks
        </Link>
        {tracks.map((t) => (
          <Link
            key={t.id}
            href={href({ day: activeDay, track: t.slug })}
            aria-current={trackSlug === t.slug ? "true" : undefined}
            className={`inline-flex items-center gap-2 rounded-full px-3 py-1 ring-1 ${trackSlug === t.slug ? "bg-brand-600 text-white ring-brand-600" : "ring-zinc-300 dark:ring-zinc-700"}`}
          >
            <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: t.color }} />
            {t.name}
          </Link>
        ))}
      </nav>
      {!shown ? (
        <EmptyState title="No talks match">Try another track or day.</EmptyState>
      ) : view === "grid" ? (
        <ScheduleTimeGrid
          stages={stages.filter((stage) => shown.talks.some((t) => t.stage.id === stage.id))}
          talks={shown.talks}
          now={now}
          timeZone={conference.timeZone}
        />
      ) : (
        <div className="grid gap-6" style={{ gridTemplateColumns: `repeat(auto-fit, minmax(min(100%, 18rem), 1fr))` }}>
          {/* Only stages with something on this day (and track): eight stages, one in use, is one column. */}
          {stages.map((stage) => {
            const talks = shown.talks.filter((t) => t.stage.id === stage.id);
            if (talks.length === 0) return null;
            return (
              <section key={stage.id} aria-labelledby={`stage-${stage.id}`} className="flex flex-col gap-3">
                <h2
                  id={`stage-${stage.id}`}
                  className="sticky top-16 z-10 rounded-xl bg-zinc-50/90 py-2 text-sm font-semibold uppercase tracking-wide text-zinc-500 backdrop-blur dark:bg-zinc-950/90"
                >
                  {stage.name}
                </h2>
                {talks.map((talk) => (
                  <TalkCard
                    key={talk.id}
                    talk={talk}
                    now={now}
                    starred={starred.has(talk.id)}
                    canStar={!!user}
                    showStage={false}
                    realtimeUrl={realtimeUrl}
                  />
                ))}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
