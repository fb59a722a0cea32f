import Link from "next/link";
import type { EditorTalk } from "@/lib/schedule-editor/editor-talk";
import type { ScheduleConflict } from "@/lib/schedule-editor/schemas";
import { dayKey } from "@/lib/schedule/time-zones";
import { conferencePath } from "@/lib/conference/conference-path";

/** The conflicts of the whole schedule, each with links to the talks to fix. */
export function ConflictList({
  conferenceSlug,
  conflicts,
  talks,
  timeZone,
}: {
  conferenceSlug: string;
  conflicts: ScheduleConflict[];
  talks: EditorTalk[];
  timeZone: string;
}) {
  if (conflicts.length === 0) return null;
  const byId = new Map(talks.map((t) => [t.id, t]));
  return (
    <section
      aria-labelledby="conflicts-heading"
      className="mb-6 rounded-2xl border border-amber-200 bg-amber-50 p-4 dark:border-amber-900 dark:bg-amber-950/30"
    >
      <h2 id="conflicts-heading" className="font-semibold text-amber-900 dark:text-amber-200">
        {conflicts.length} conflict{conflicts.length === 1 ? "" : "s"} to check
      </h2>
      <ul className="mt-2 space-y-1 text-sm text-amber-900 dark:text-amber-200">
        {conflicts.map((c) => {
          const first = byId.get(c.talkIds[0]);
          return (
            <li
              key={`${c.kind}-${c.talkIds.join("-")}-${"speakerId" in c ? c.speakerId : c.stageId}`}
              className="flex flex-wrap items-baseline gap-x-2"
            >
              <span className="font-medium">{c.kind === "STAGE_OVERLAP" ? "Stage overlap:" : "Double booking:"}</span>
              <span>{c.message}</span>
              {first ? (
                <Link
                  href={conferencePath(conferenceSlug, `/admin/schedule?day=${dayKey(new Date(first.startsAt), timeZone)}`)}
                  className="underline"
                >
                  Show day
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
