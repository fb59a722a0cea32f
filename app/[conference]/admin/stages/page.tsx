import type { Metadata } from "next";
import { PageHeader, Card } from "@/app/_components/ui/card";
import { getEditorSchedule } from "@/lib/schedule-editor/get-editor-schedule";
import { getOrganizerContext } from "../_lib/organizer-context";
import { StageForm, TrackForm } from "./_components/stage-and-track-forms";

export const metadata: Metadata = { title: "Stages & tracks" };

export default async function AdminStagesPage() {
  const context = await getOrganizerContext();
  const { stages, tracks } = await getEditorSchedule({ conferenceId: context.conference.id });
  return (
    <div className="space-y-10">
      <PageHeader title="Stages & tracks" description="Stages are the grid's columns, in column order; tracks group talks by topic and colour." />
      <section aria-labelledby="stages-heading">
        <h2 id="stages-heading" className="mb-3 text-lg font-semibold">
          Stages
        </h2>
        <Card className="divide-y divide-zinc-100 px-5 dark:divide-zinc-800">
          {stages.map((stage) => (
            <StageForm key={stage.id} stage={stage} />
          ))}
          <StageForm />
        </Card>
      </section>
      <section aria-labelledby="tracks-heading">
        <h2 id="tracks-heading" className="mb-3 text-lg font-semibold">
          Tracks
        </h2>
        <Card className="divide-y divide-zinc-100 px-5 dark:divide-zinc-800">
          {tracks.map((track) => (
            <TrackForm key={track.id} track={track} />
          ))}
          <TrackForm />
        </Card>
      </section>
    </div>
  );
}
