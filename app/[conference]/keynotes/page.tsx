import type { Metadata } from "next";
import { getPageContext } from "@/app/_lib/page-context";
import { getSchedule } from "@/lib/schedule/get-schedule";
import { listFavouriteTalkIds } from "@/lib/agenda/list-agenda";
import { TalkCard } from "@/app/_components/schedule/talk-card";
import { ZoneToggle } from "@/app/_components/schedule/time-zone";
import { PageHeader } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Keynotes" };

export default async function KeynotesPage() {
  const { conference, user } = await getPageContext();
  const [{ days }, starred] = await Promise.all([
    getSchedule({ conferenceId: conference.id, kind: "KEYNOTE" }),
    listFavouriteTalkIds({ userId: user?.id ?? null, conferenceId: conference.id }),
  ]);
  const now = new Date();
  return (
    <div>
      <PageHeader title="Keynotes" description="The sessions that open and close each day." actions={<ZoneToggle />} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {days
          .flatMap((d) => d.talks)
          .map((talk) => (
            <TalkCard key={talk.id} talk={talk} now={now} starred={starred.has(talk.id)} canStar={!!user} showDay />
          ))}
      </div>
    </div>
  );
}
