import Link from "next/link";
import { conferencePath } from "@/lib/conference/conference-path";
import type { TalkCard } from "@/lib/schedule/get-schedule";
import { formatTime, zoneAbbreviation } from "@/lib/schedule/time-zones";

const PX_PER_MINUTE = 1.4;

type Stage = { id: string; name: string };

/** Side-by-side lanes for talks that overlap on one stage (rare, but an import can do it). */
function lanesOf(talks: TalkCard[]): Map<string, { lane: number; of: number }> {
  const out = new Map<string, { lane: number; of: number }>();
  let group: { talk: TalkCard; lane: number }[] = [];
  let groupEnd = 0;
  const close = () => {
    const of = Math.max(1, ...group.map((g) => g.lane + 1));
    for (const g of group) out.set(g.talk.id, { lane: g.lane, of });
    group = [];
  };
  for (const talk of [...talks].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    if (group.length && talk.startsAt.getTime() >= groupEnd) close();
    const busy = new Set(group.filter((g) => g.talk.endsAt > talk.startsAt).map((g) => g.lane));
    let lane = 0;
    while (busy.has(lane)) lane++;
    group.push({ talk, lane });
    groupEnd = Math.max(groupEnd, talk.endsAt.getTime());
  }
  close();
  return out;
}

/**
 * One day as a time grid: stages as columns, talks placed by their slot, a line at the current
 * time. Times are the conference's (the grid is the conference's day); on a phone the grid
 * scrolls sideways with the time column kept in view.
 */
export function ScheduleTimeGrid({ stages, talks, now, timeZone }: { stages: Stage[]; talks: TalkCard[]; now: Date; timeZone: string }) {
  const first = Math.min(...talks.map((t) => t.startsAt.getTime()));
  const last = Math.max(...talks.map((t) => t.endsAt.getTime()));
  const start = first - (first % 3_600_000);
  const end = last + ((3_600_000 - (last % 3_600_000)) % 3_600_000);
  const minutes = (end - start) / 60_000;
  const height = minutes * PX_PER_MINUTE;
  const y = (at: Date) => ((at.getTime() - start) / 60_000) * PX_PER_MINUTE;
  const hours = Array.from({ length: minutes / 60 + 1 }, (_, i) => new Date(start + i * 3_600_000));
  const showNow = now.getTime() >= start && now.getTime() <= end;
  const zone = zoneAbbreviation(new Date(first), timeZone);

  return (
    <div>
      <p className="mb-3 text-sm text-zinc-500">
        Times in the conference&apos;s zone, {timeZone} ({zone}).
      </p>
      <div className="overflow-x-auto rounded-2xl bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <div className="grid" style={{ gridTemplateColumns: `3.5rem repeat(${stages.length}, minmax(11rem, 1fr))` }}>
          <div aria-hidden="true" className="sticky left-0 z-20 border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
          {stages.map((stage) => (
            <h2
              key={stage.id}
              id={`grid-stage-${stage.id}`}
              className="border-b border-l border-zinc-200 px-3 py-2 text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-300"
            >
              {stage.name}
            </h2>
          ))}
          {/* Every cell of row 2 is placed explicitly: the now-line overlays the stage columns there, and an
              explicitly placed item would otherwise push auto-placed columns down to a row of their own. */}
          <div aria-hidden="true" className="sticky left-0 z-20 bg-white dark:bg-zinc-900" style={{ height, gridRow: 2, gridColumn: 1 }}>
            {hours.map((hour) => (
              <span key={hour.getTime()} className="absolute left-1 -translate-y-1/2 text-xs tabular-nums text-zinc-500" style={{ top: y(hour) }}>
                {formatTime(hour, timeZone)}
              </span>
            ))}
          </div>
          {stages.map((stage, index) => {
            const column = talks.filter((t) => t.stage.id === stage.id);
            const lanes = lanesOf(column);
            return (
              <section
                key={stage.id}
                aria-labelledby={`grid-stage-${stage.id}`}
                className="relative border-l border-zinc-200 dark:border-zinc-800"
                style={{
                  gridRow: 2,
                  gridColumn: index + 2,
                  height,
                  backgroundImage: `repeating-linear-gradient(to bottom, rgb(161 161 170 / 0.25) 0, rgb(161 161 170 / 0.25) 1px, transparent 1px, transparent ${60 * PX_PER_MINUTE}px)`,
                }}
              >
                <ol>
                  {column.map((talk) => {
                    const { lane, of } = lanes.get(talk.id)!;
                    const slot = `${formatTime(talk.startsAt, timeZone)}–${formatTime(talk.endsAt, timeZone)}`;
                    const live = talk.status === "LIVE";
                    return (
                      <li
                        key={talk.id}
                        className="absolute overflow-hidden rounded-lg border border-zinc-200 bg-zinc-50 text-xs focus-within:z-10 focus-within:overflow-visible dark:border-zinc-700 dark:bg-zinc-950"
                        style={{
                          top: y(talk.startsAt) + 1,
                          height: Math.max(24, y(talk.endsAt) - y(talk.startsAt) - 2),
                          left: `calc(${(lane / of) * 100}% + 3px)`,
                          width: `calc(${100 / of}% - 6px)`,
                          borderLeft: `4px solid ${talk.track?.color ?? "#a1a1aa"}`,
                        }}
                      >
                        <Link
                          href={conferencePath(talk.conference.slug, `/talks/${talk.slug}`)}
                          className="block h-full p-1.5 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:hover:bg-zinc-800"
                        >
                          <span className="block tabular-nums text-zinc-600 dark:text-zinc-400">
                            {live ? <span className="mr-1 font-semibold text-red-700 dark:text-red-400">● Live</span> : null}
                            {slot}
                          </span>
                          <span className="line-clamp-2 font-semibold text-zinc-900 dark:text-zinc-100">{talk.title}</span>
                          {talk.speakers.length ? (
                            <span className="block truncate text-zinc-600 dark:text-zinc-400">
                              {talk.speakers.map((s) => s.speaker.name).join(", ")}
                            </span>
                          ) : null}
                        </Link>
                      </li>
                    );
                  })}
                </ol>
              </section>
            );
          })}
          {showNow ? (
            <div className="pointer-events-none relative row-start-2" style={{ gridColumn: "2 / -1" }}>
              <div className="absolute inset-x-0 z-10 border-t-2 border-red-600" style={{ top: y(now) }}>
                <span className="absolute left-0 -translate-y-1/2 rounded bg-red-600 px-1 text-[0.65rem] font-semibold text-white">
                  Now<span className="sr-only">: {formatTime(now, timeZone)}</span>
                </span>
              </div>
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
