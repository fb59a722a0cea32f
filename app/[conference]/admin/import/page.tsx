import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/card";
import { getOrganizerContext } from "../_lib/organizer-context";
import { ImportForm } from "./_components/import-form";

export const metadata: Metadata = { title: "Import schedule" };

export default async function AdminImportPage() {
  await getOrganizerContext();
  return (
    <div>
      <PageHeader
        title="Import a schedule"
        description="From pretalx's public JSON export, or the frab/Pentabarf schedule.xml that pretalx, frab, indico and others export."
      />
      <ImportForm />
    </div>
  );
}
