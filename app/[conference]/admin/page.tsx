import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { getEditorSchedule } from "@/lib/schedule-editor/get-editor-schedule";
import { getOrganizerContext } from "./_lib/organizer-context";

export const metadata: Metadata = { title: "Overview" };

const sections: { href: `/${string}`; title: string; body: string }[] = [
  {
    href: "/admin/schedule",
    title: "Schedule",
    body: "The day × stage grid: add, edit and move talks and keynotes; see overlaps and double bookings.",
  },
  { href: "/admin/speakers", title: "Speakers", body: "Speaker profiles, and the accounts that present them in the studio." },
  { href: "/admin/stages", title: "Stages & tracks", body: "The grid's columns, and the topics talks belong to." },
  {
    href: "/admin/import",
    title: "Import",
    body: "Bring a schedule in from pretalx (schedule.json) or frab/Pentabarf (schedule.xml). Re-importing updates.",
  },
  { href: "/admin/tickets", title: "Tickets", body: "Ticket types, prices, quotas, sale windows and discount codes." },
  { href: "/admin/registrations", title: "Registrations", body: "Attendees and orders: search, export as CSV, revoke a ticket." },
  { href: "/admin/analytics", title: "Analytics", body: "Viewers live and in replay, watch time, chat and Q&A, ticket sales and code use." },
];

export default async function AdminHomePage() {
  const context = await getOrganizerContext();
  const schedule = await getEditorSchedule({ conferenceId: context.conference.id });
  return (
    <div>
      <PageHeader title="Organize" description={`Everything organizers run for ${context.conference.name}.`} />
      <dl className="mb-8 grid grid-cols-2 gap-4 sm:grid-cols-4">
        {[
          ["Talks", schedule.talks.length],
          ["Speakers", schedule.speakers.length],
          ["Stages", schedule.stages.length],
          ["Conflicts", schedule.conflicts.length],
        ].map(([label, value]) => (
          <Card key={label} className="p-4">
            <dt className="text-sm text-zinc-500">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
          </Card>
        ))}
      </dl>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={context.href(s.href)} className="block h-full rounded-2xl focus-visible:outline-2">
              <Card className="h-full p-5 transition-colors hover:border-brand-500">
                <h2 className="flex items-center gap-2 font-semibold">
                  {s.title}
                  {s.href === "/admin/schedule" && schedule.conflicts.length > 0 ? (
                    <Badge tone="warning">{schedule.conflicts.length} to check</Badge>
                  ) : null}
                </h2>
                <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{s.body}</p>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
