import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/card";
import { getOrganizerContext } from "../_lib/organizer-context";
import { ImportForm } from "./_components/import-form";
import { listOrganizedConferences } from "@/lib/conference/list-organized-conferences";

export const metadata: Metadata = { title: "Import schedule" };

export default async function AdminImportPage() {
  const { user } = await getOrganizerContext();
  const conferences = await listOrganizedConferences({ userId: user.id });
  return (
    <div>
      <PageHeader
        title="Import a schedule"
        description="From pretalx's public JSON export, or the frab/Pentabarf schedule.xml that pretalx, frab, indico and others export — into this conference, another you organize, or a new one."
      />
      <ImportForm conferences={conferences} />
    </div>
  );
}
