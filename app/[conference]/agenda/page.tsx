import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getPageContext } from "@/app/_lib/page-context";
import { listAgenda } from "@/lib/agenda/list-agenda";
import { listReminderPreferences } from "@/lib/reminders/get-reminder-preference";
import { getAgendaFeedToken } from "@/lib/agenda/get-agenda-feed-token";
import { TalkCard } from "@/app/_components/schedule/talk-card";
import { ZoneToggle } from "@/app/_components/schedule/time-zone";
import { PageHeader, EmptyState } from "@/app/_components/ui/card";
import { ButtonLink } from "@/app/_components/ui/button";
import { CopyField } from "@/app/_components/ui/copy-field";
import { env } from "@/lib/config/env";

export const metadata: Metadata = { title: "My agenda" };

export default async function AgendaPage() {
  const { conference, user, href } = await getPageContext();
  if (!user) redirect(`/sign-in?next=${href("/agenda")}`);
  const [talks, token, reminders] = await Promise.all([
    listAgenda({ userId: user.id, conferenceId: conference.id }),
    getAgendaFeedToken({ userId: user.id }),
    listReminderPreferences({ userId: user.id, conferenceId: conference.id }),
  ]);
  const now = new Date();
  const feedUrl = `${env.PUBLIC_URL}${href(`/calendar/agenda/${token}.ics`)}`;
  return (
    <div>
      <PageHeader
        title="My agenda"
        description="The talks you starred, in order. The bell on each says when you are reminded: in the app, by e-mail, or both."
        actions={<ZoneToggle />}
      />
      {talks.length === 0 ? (
        <EmptyState title="Your agenda is empty">
          Star talks in the schedule to collect them here.
          <div className="mt-4">
            <ButtonLink href={href("/schedule")}>Open the schedule</ButtonLink>
          </div>
        </EmptyState>
      ) : (
        <ol className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Starred talks">
          {talks.map((talk) => (
            <li key={talk.id}>
              <TalkCard talk={talk} now={now} starred canStar showDay reminder={reminders.get(talk.id)} />
            </li>
          ))}
        </ol>
      )}
      <section
        className="mt-10 max-w-2xl rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
        aria-labelledby="feed"
      >
        <h2 id="feed" className="font-semibold">
          Subscribe in your calendar
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">A private link: anyone with it can read your agenda.</p>
        <CopyField label="Private agenda feed (iCal)" value={feedUrl} />
      </section>
    </div>
  );
}
