import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader, EmptyState } from "@/app/_components/ui/card";
import { buttonClass } from "@/app/_components/ui/button";
import { LiveRefresh } from "@/app/_components/schedule/live-refresh";
import { getEditorSchedule } from "@/lib/schedule-editor/get-editor-schedule";
import { dayKey, formatDay } from "@/lib/schedule/time-zones";
import { getOrganizerContext } from "../_lib/organizer-context";
import { ScheduleGrid } from "./_components/schedule-grid";
import { ConflictList } from "./_components/conflict-list";

export const metadata: Metadata = { title: "Schedule editor" };

/** Every day from the conference's first to its last, plus any day a talk was put on. */
function conferenceDays(startsOn: string, endsOn: string, talkDays: string[]): string[] {
  const days = new Set<string>(talkDays);
  for (let d = new Date(`${startsOn}T00:00:00Z`); d <= new Date(`${endsOn}T00:00:00Z`) && days.size < 60; d.setUTCDate(d.getUTCDate() + 1)) {
    days.add(d.toISOString().slice(0, 10));
  }
  return [...days].sort();
}

export default async function AdminSchedulePage({ searchParams }: { searchParams: Promise<{ day?: string }> }) {
  const context = await getOrganizerContext();
  const { day } = await searchParams;
  const schedule = await getEditorSchedule({ conferenceId: context.conference.id });
  const zone = schedule.conference.timeZone;
  const days = conferenceDays(
    schedule.conference.startsOn,
    schedule.conference.endsOn,
    schedule.talks.map((t) => dayKey(new Date(t.startsAt), zone)),
  );
  const activeDay = days.includes(day ?? "") ? day! : days[0]!;

  return (
    <div>
      <LiveRefresh conferenceId={context.conference.id} realtimeUrl={context.realtimeUrl} />
      <PageHeader
        title="Schedule editor"
        description={`Times are in the conference's zone, ${zone}. Drag a talk to move it, or use its Move button.`}
        actions={
          <>
            <Link href={context.href("/admin/import")} className={buttonClass("secondary", "sm")}>
              Import
            </Link>
            <Link href={context.href(`/admin/schedule/new?day=${activeDay}`)} className={buttonClass("primary", "sm")}>
              New talk
            </Link>
          </>
        }
      />
      <ConflictList conferenceSlug={context.conference.slug} conflicts={schedule.conflicts} talks={schedule.talks} timeZone={zone} />
      <nav aria-label="Conference days" className="mb-4 flex gap-2 overflow-x-auto">
        {days.map((d, i) => (
          <Link
            key={d}
            href={context.href(`/admin/schedule?day=${d}`)}
            aria-current={d === activeDay ? "page" : undefined}
            className={`whitespace-nowrap rounded-xl px-4 py-2 text-sm font-medium ${d === activeDay ? "bg-zinc-900 text-white dark:bg-white dark:text-zinc-900" : "bg-white text-zinc-700 ring-1 ring-zinc-200 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800"}`}
          >
            Day {i + 1} · {formatDay(d)}
          </Link>
        ))}
      </nav>
      {schedule.stages.length === 0 ? (
        <EmptyState title="No stages yet">
          Add a stage under{" "}
          <Link href={context.href("/admin/stages")} className="font-medium text-brand-600 underline">
            Stages &amp; tracks
          </Link>
          , or{" "}
          <Link href={context.href("/admin/import")} className="font-medium text-brand-600 underline">
            import a schedule
          </Link>
          .
        </EmptyState>
      ) : (
        <ScheduleGrid
          day={activeDay}
          timeZone={zone}
          stages={schedule.stages}
          tracks={schedule.tracks}
          speakers={schedule.speakers.map((s) => ({ id: s.id, name: s.name }))}
          talks={schedule.talks}
          conflicts={schedule.conflicts}
        />
      )}
    </div>
  );
}
