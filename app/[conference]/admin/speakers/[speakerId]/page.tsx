import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader, Card } from "@/app/_components/ui/card";
import { getEditorSpeakerOrThrow } from "@/lib/schedule-editor/get-editor-speaker";
import { formatTime, dayKey, formatDay } from "@/lib/schedule/time-zones";
import { getOrganizerContext } from "../../_lib/organizer-context";
import { orNotFound } from "@/app/_lib/or-not-found";
import { SpeakerForm } from "../_components/speaker-form";

export const metadata: Metadata = { title: "Edit speaker" };

export default async function EditSpeakerPage({ params }: { params: Promise<{ speakerId: string }> }) {
  const context = await getOrganizerContext();
  const { speakerId } = await params;
  const speaker = await orNotFound(getEditorSpeakerOrThrow({ conferenceId: context.conference.id, speakerId }));
  const zone = context.conference.timeZone;
  return (
    <div>
      <PageHeader title={speaker.name} description={speaker.externalId ? `Imported (${speaker.externalId}).` : undefined} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <SpeakerForm speaker={speaker} />
        <Card className="h-fit p-6">
          <h2 className="font-semibold">Talks</h2>
          {speaker.talks.length === 0 ? (
            <p className="mt-2 text-sm text-zinc-500">Not on any talk yet: pick this speaker in a talk&apos;s form.</p>
          ) : (
            <ul className="mt-2 space-y-2 text-sm">
              {speaker.talks.map((t) => (
                <li key={t.id}>
                  <Link href={context.href(`/admin/schedule/${t.id}`)} className="font-medium hover:underline">
                    {t.title}
                  </Link>
                  <p className="text-zinc-500">
                    {formatDay(dayKey(new Date(t.startsAt), zone))}, {formatTime(new Date(t.startsAt), zone)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
