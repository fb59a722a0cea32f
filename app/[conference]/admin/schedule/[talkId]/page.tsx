import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { buttonClass } from "@/app/_components/ui/button";
import { getEditorSchedule } from "@/lib/schedule-editor/get-editor-schedule";
import { getEditorTalkOrThrow } from "@/lib/schedule-editor/get-editor-talk";
import { dayKey } from "@/lib/schedule/time-zones";
import { getOrganizerContext } from "../../_lib/organizer-context";
import { orNotFound } from "@/app/_lib/or-not-found";
import { TalkForm } from "../_components/talk-form";
import { StreamKeyPanel } from "@/app/_components/media/stream-key-panel";
import { RecordingStatusPanel } from "@/app/_components/media/recording-status-panel";
import { env } from "@/lib/config/env";

export const metadata: Metadata = { title: "Edit talk" };

export default async function EditTalkPage({
  params,
  searchParams,
}: {
  params: Promise<{ talkId: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const context = await getOrganizerContext();
  const [{ talkId }, { saved }] = await Promise.all([params, searchParams]);
  const conferenceId = context.conference.id;
  const talk = await orNotFound(getEditorTalkOrThrow({ conferenceId, talkId }));
  const schedule = await getEditorSchedule({ conferenceId });
  const conflicts = schedule.conflicts.filter((c) => c.talkIds.includes(talk.id));
  const zone = schedule.conference.timeZone;
  return (
    <div>
      <PageHeader
        title={talk.title}
        description={talk.externalId ? `Imported (${talk.externalId}); a re-import updates the fields the export has.` : undefined}
        actions={
          <>
            {talk.status !== "SCHEDULED" ? (
              <Badge tone={talk.status === "LIVE" ? "live" : "neutral"}>{talk.status === "LIVE" ? "Live" : "Ended"}</Badge>
            ) : null}
            <Link href={context.href(`/talks/${talk.slug}`)} className={buttonClass("secondary", "sm")}>
              View talk page
            </Link>
            <Link href={context.href(`/admin/schedule?day=${dayKey(new Date(talk.startsAt), zone)}`)} className={buttonClass("ghost", "sm")}>
              Back to the grid
            </Link>
          </>
        }
      />
      <TalkForm
        talk={talk}
        timeZone={zone}
        stages={schedule.stages}
        tracks={schedule.tracks}
        speakers={schedule.speakers}
        conflicts={conflicts}
        notice={saved === "created" ? "Talk created. Open schedule pages update on their own." : undefined}
      />
      <section aria-labelledby="video" className="mt-10 max-w-3xl">
        <h2 id="video" className="mb-3 text-lg font-semibold">
          Video
        </h2>
        <RecordingStatusPanel talkId={talk.id} realtimeUrl={env.REALTIME_PUBLIC_URL} initialStatus={talk.status} />
      </section>
      <section aria-labelledby="streaming" className="mt-10 max-w-3xl">
        <h2 id="streaming" className="mb-3 text-lg font-semibold">
          Streaming from OBS
        </h2>
        <StreamKeyPanel talkId={talk.id} realtimeUrl={env.REALTIME_PUBLIC_URL} />
      </section>
    </div>
  );
}
