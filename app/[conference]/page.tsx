import Link from "next/link";
import { getPageContext } from "@/app/_lib/page-context";
import { getProgrammeHighlights } from "@/lib/schedule/get-programme-highlights";
import { listFavouriteTalkIds } from "@/lib/agenda/list-agenda";
import { TalkCard } from "@/app/_components/schedule/talk-card";
import { LiveRefresh } from "@/app/_components/schedule/live-refresh";
import { ZoneToggle } from "@/app/_components/schedule/time-zone";
import { ButtonLink } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/card";
import { formatDay } from "@/lib/schedule/time-zones";
import HallwayChat from "@/app/_components/chat/hallway-chat";
import { can } from "@/lib/permissions/can";

export default async function HomePage() {
  const { conference, user, viewer, realtimeUrl, href } = await getPageContext();
  const now = new Date();
  const [{ liveNow, upNext, keynotes }, starred] = await Promise.all([
    getProgrammeHighlights({ conferenceId: conference.id, now }),
    listFavouriteTalkIds({ userId: user?.id ?? null, conferenceId: conference.id }),
  ]);
  const dates = `${formatDay(conference.startsOn.toISOString().slice(0, 10))} – ${formatDay(conference.endsOn.toISOString().slice(0, 10))}`;
  const card = (talk: (typeof liveNow)[number], showDay = false, showCountdown = false) => (
    <TalkCard
      key={talk.id}
      talk={talk}
      now={now}
      starred={starred.has(talk.id)}
      canStar={!!user}
      showDay={showDay}
      realtimeUrl={realtimeUrl}
      showCountdown={showCountdown}
    />
  );
  return (
    <div className="space-y-14">
      <LiveRefresh conferenceId={conference.id} realtimeUrl={realtimeUrl} />
      <section className="relative overflow-hidden rounded-3xl bg-gradient-to-br from-brand-700 via-brand-600 to-fuchsia-600 px-6 py-12 text-white shadow-lg sm:px-12 sm:py-16">
        <p className="text-sm font-medium uppercase tracking-widest text-white/70">{dates} · online</p>
        <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight sm:text-5xl">{conference.name}</h1>
        <p className="mt-4 max-w-2xl text-lg text-white/85">{conference.tagline || conference.description}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          {liveNow[0] ? (
            <ButtonLink href={href(`/talks/${liveNow[0].slug}`)} variant="secondary" className="!border-white/0 !bg-white !text-brand-700">
              Watch live now
            </ButtonLink>
          ) : null}
          <ButtonLink href={href("/schedule")} variant="ghost" className="!text-white ring-1 ring-white/40 hover:!bg-white/10">
            Browse the schedule
          </ButtonLink>
        </div>
      </section>

      <section aria-labelledby="live-now">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-4">
          <h2 id="live-now" className="flex items-center gap-2 text-xl font-semibold">
            <span className="h-2.5 w-2.5 rounded-full bg-red-600" aria-hidden="true" /> Live now
          </h2>
          <ZoneToggle />
        </div>
        {liveNow.length ? (
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{liveNow.map((t) => card(t))}</div>
        ) : (
          <EmptyState title="Nothing on air right now">See what is up next below.</EmptyState>
        )}
      </section>

      <section aria-labelledby="up-next">
        <h2 id="up-next" className="mb-4 text-xl font-semibold">
          Up next
        </h2>
        {upNext.length ? (
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">{upNext.map((t) => card(t, true, true))}</div>
        ) : (
          <EmptyState title="That was the last session">Recordings stay available on every talk page.</EmptyState>
        )}
      </section>

      {can(viewer, "conference:chat") ? (
        <section aria-label="Hallway chat" className="h-[28rem]">
          <HallwayChat conferenceId={conference.id} realtimeUrl={realtimeUrl} title="Hallway · talk to everyone at the conference" />
        </section>
      ) : null}

      <section aria-labelledby="keynotes">
        <div className="mb-4 flex items-center justify-between">
          <h2 id="keynotes" className="text-xl font-semibold">
            Keynotes
          </h2>
          <Link href={href("/keynotes")} className="text-sm font-medium text-brand-600 hover:underline">
            All keynotes
          </Link>
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{keynotes.map((t) => card(t, true))}</div>
      </section>
    </div>
  );
}
