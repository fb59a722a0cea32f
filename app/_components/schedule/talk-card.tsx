import Link from "next/link";
import { conferencePath } from "@/lib/conference/conference-path";
import type { TalkCard as TalkCardData } from "@/lib/schedule/get-schedule";
import { isHappeningNow } from "@/lib/schedule/happening-now";
import { Badge, LiveDot } from "../ui/badge";
import { TalkTime } from "./time-zone";
import { TalkKindBadge } from "./talk-kind-badge";
import { StarButton } from "./star-button";
import { WatchingCount } from "../chat/watching-count";
import { StartsIn } from "./starts-in";
import type { ReminderPreference } from "@/lib/reminders/schemas";

export type TalkCardProps = {
  talk: TalkCardData;
  now: Date;
  starred?: boolean;
  canStar: boolean;
  showDay?: boolean;
  showStage?: boolean;
  // When given, talks on now show a live "N watching" count.
  realtimeUrl?: string;
  // A talk not started yet shows "Starts in mm:ss" (the home page's "Up next").
  showCountdown?: boolean;
  // The starred talk's reminder, shown on its bell (the agenda).
  reminder?: ReminderPreference;
};

/** One talk in the schedule, agenda, home page and speaker pages. */
export function TalkCard({
  talk,
  now,
  starred = false,
  canStar,
  showDay = false,
  showStage = true,
  realtimeUrl,
  showCountdown = false,
  reminder,
}: TalkCardProps) {
  const onNow = isHappeningNow(talk, now);
  return (
    <article
      aria-labelledby={`talk-${talk.id}-title`}
      className={`group relative flex flex-col gap-3 rounded-2xl border bg-white p-4 shadow-sm transition hover:shadow-md dark:bg-zinc-900 ${onNow ? "border-red-300 ring-1 ring-red-200 dark:border-red-500/50 dark:ring-red-500/20" : "border-zinc-200 dark:border-zinc-800"}`}
      data-talk-slug={talk.slug}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
          <TalkTime
            start={talk.startsAt.toISOString()}
            end={talk.endsAt.toISOString()}
            showDay={showDay}
            className="font-medium text-zinc-900 dark:text-zinc-100"
          />
          {showStage ? <span>· {talk.stage.name}</span> : null}
          {onNow ? (
            <Badge tone="live">
              <LiveDot /> {talk.status === "LIVE" ? "Live" : "Now"}
            </Badge>
          ) : null}
          {talk.status === "ENDED" ? <Badge>Replay</Badge> : null}
          {showCountdown && talk.status === "SCHEDULED" && !onNow ? (
            <StartsIn startsAt={talk.startsAt.toISOString()} showDateWhenFar={false} className="font-medium text-brand-600 dark:text-brand-100" />
          ) : null}
          {onNow && realtimeUrl ? <WatchingCount talkId={talk.id} realtimeUrl={realtimeUrl} /> : null}
        </div>
        {canStar ? <StarButton talkId={talk.id} title={talk.title} initiallyStarred={starred} reminder={reminder} /> : null}
      </div>
      <h3 id={`talk-${talk.id}-title`} className="text-base font-semibold leading-snug">
        <Link
          href={conferencePath(talk.conference.slug, `/talks/${talk.slug}`)}
          className="after:absolute after:inset-0 after:rounded-2xl focus:outline-none"
        >
          {talk.title}
        </Link>
      </h3>
      {talk.speakers.length ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{talk.speakers.map((s) => s.speaker.name).join(", ")}</p>
      ) : null}
      <div className="mt-auto flex flex-wrap gap-2">
        <TalkKindBadge kind={talk.kind} />
        {talk.track ? (
          <Badge>
            <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: talk.track.color }} />
            {talk.track.name}
          </Badge>
        ) : null}
      </div>
    </article>
  );
}
