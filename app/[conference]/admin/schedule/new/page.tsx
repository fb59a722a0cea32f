import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader, EmptyState } from "@/app/_components/ui/card";
import { getEditorSchedule } from "@/lib/schedule-editor/get-editor-schedule";
import { zonedTimeToInstant } from "@/lib/schedule/time-zones";
import { getOrganizerContext } from "../../_lib/organizer-context";
import { TalkForm } from "../_components/talk-form";

export const metadata: Metadata = { title: "New talk" };

export default async function NewTalkPage({ searchParams }: { searchParams: Promise<{ day?: string }> }) {
  const context = await getOrganizerContext();
  const { day } = await searchParams;
  const schedule = await getEditorSchedule({ conferenceId: context.conference.id });
  const zone = schedule.conference.timeZone;
  const firstDay = day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : schedule.conference.startsOn;
  const startsAt = zonedTimeToInstant(firstDay, "10:00", zone);
  return (
    <div>
      <PageHeader title="New talk" description="A talk, keynote, panel or workshop on one stage." />
      {schedule.stages.length === 0 ? (
        <EmptyState title="Add a stage first">
          Talks happen on a stage:{" "}
          <Link href={context.href("/admin/stages")} className="font-medium text-brand-600 underline">
            add one
          </Link>
          .
        </EmptyState>
      ) : (
        <TalkForm
          timeZone={zone}
          stages={schedule.stages}
          tracks={schedule.tracks}
          speakers={schedule.speakers}
          initial={{
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
            stageId: schedule.stages[0]!.id,
          }}
        />
      )}
    </div>
  );
}
