import type { Metadata } from "next";
import { DataTable } from "@/app/_components/ui/table";
import Link from "next/link";
import { PageHeader, EmptyState } from "@/app/_components/ui/card";
import { buttonClass } from "@/app/_components/ui/button";
import { Badge } from "@/app/_components/ui/badge";
import { getEditorSchedule } from "@/lib/schedule-editor/get-editor-schedule";
import { getOrganizerContext } from "../_lib/organizer-context";

export const metadata: Metadata = { title: "Speakers" };

export default async function AdminSpeakersPage() {
  const context = await getOrganizerContext();
  const { speakers } = await getEditorSchedule({ conferenceId: context.conference.id });
  return (
    <div>
      <PageHeader
        title="Speakers"
        description="Profiles shown on talk and speaker pages. Link an account to give a speaker their studio."
        actions={
          <Link href={context.href("/admin/speakers/new")} className={buttonClass("primary", "sm")}>
            New speaker
          </Link>
        }
      />
      {speakers.length === 0 ? (
        <EmptyState title="No speakers yet">Add one, or import a schedule with its speakers.</EmptyState>
      ) : (
        <DataTable caption="Speakers" columns={[{ label: "Name" }, { label: "Headline" }, { label: "Account" }, { label: "Talks", align: "right" }]}>
          {speakers.map((s) => (
            <tr key={s.id}>
              <td className="px-4 py-3 font-medium">
                <Link href={context.href(`/admin/speakers/${s.id}`)} className="hover:underline">
                  {s.name}
                </Link>
              </td>
              <td className="px-4 py-3 text-zinc-600 dark:text-zinc-400">{s.headline}</td>
              <td className="px-4 py-3">
                {!s.accountEmail ? (
                  <span className="text-zinc-400">—</span>
                ) : s.accountLinked ? (
                  <Badge tone="success">{s.accountEmail}</Badge>
                ) : (
                  <Badge tone="warning">{s.accountEmail} · not confirmed yet</Badge>
                )}
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{s.talkCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
