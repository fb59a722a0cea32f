import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/card";
import { getOrganizerContext } from "../../_lib/organizer-context";
import { SpeakerForm } from "../_components/speaker-form";

export const metadata: Metadata = { title: "New speaker" };

export default async function NewSpeakerPage() {
  await getOrganizerContext();
  return (
    <div>
      <PageHeader title="New speaker" />
      <SpeakerForm />
    </div>
  );
}
