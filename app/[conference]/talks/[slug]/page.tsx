import type { Metadata } from "next";
import Link from "next/link";
import { getPageContext } from "@/app/_lib/page-context";
import { orNotFound } from "@/app/_lib/or-not-found";
import { getTalkPageOrThrow } from "@/lib/talks/get-talk-page";
import { talkKindLabel } from "@/lib/talks/talk-kind-label";
import { isHappeningNow } from "@/lib/schedule/happening-now";
import { listFavouriteTalkIds } from "@/lib/agenda/list-agenda";
import { can } from "@/lib/permissions/can";
import { env } from "@/lib/config/env";
import { goLiveWindowOpensAt } from "@/lib/media/go-live-window";
import { Badge, LiveDot } from "@/app/_components/ui/badge";
import { buttonClass } from "@/app/_components/ui/button";
import { TalkTime, ZoneToggle } from "@/app/_components/schedule/time-zone";
import { StarButton } from "@/app/_components/schedule/star-button";
import { TalkKindBadge } from "@/app/_components/schedule/talk-kind-badge";
import { LiveRefresh } from "@/app/_components/schedule/live-refresh";
import TalkMediaArea from "@/app/_components/media/talk-media-area";
import TalkChatArea from "@/app/_components/chat/talk-chat-area";
import { Avatar } from "@/app/_components/ui/avatar";
import { formatSlot } from "@/lib/schedule/time-zones";
import { formatTime as formatPlaybackTime } from "@/app/_components/media/format-time";
import { parseStartTime, startTimeParam } from "@/lib/talks/start-time";

type Params = { params: Promise<{ slug: string }>; searchParams: Promise<{ t?: string }> };

async function loadTalk(slug: string) {
  const { conference } = await getPageContext();
  return orNotFound(getTalkPageOrThrow({ conferenceId: conference.id, slug }));
}

/** What a shared link previews (chat apps, social networks): the talk, who gives it and when. */
export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { conference, href } = await getPageContext();
  const talk = await loadTalk((await params).slug);
  const { t } = await searchParams;
  const speakers = talk.speakers.map((s) => s.speaker.name).join(", ");
  const slot = `${formatSlot(talk.startsAt, talk.endsAt, conference.timeZone)} · ${talk.stage.name}`;
  const start = parseStartTime(t);
  const from = start !== undefined ? `Watch from ${formatPlaybackTime(start)} · ` : "";
  const title = speakers ? `${talk.title} — ${speakers}` : talk.title;
  const description = `${from}${slot}. ${talk.abstract}`.slice(0, 300);
  return {
    title: talk.title,
    description,
    openGraph: {
      type: "article",
      siteName: conference.name,
      title,
      description,
      url: href(`/talks/${talk.slug}${start !== undefined ? `?t=${startTimeParam(start)}` : ""}`),
    },
    twitter: { card: "summary_large_image", title, description },
  };
}

export default async function TalkPage({ params, searchParams }: Params) {
  const { slug } = await params;
  const { t } = await searchParams;
  const { conference, user, viewer, realtimeUrl, href } = await getPageContext();
  const talk = await loadTalk(slug);
  const starred = await listFavouriteTalkIds({ userId: user?.id ?? null, conferenceId: conference.id });
  const ref = { id: talk.id, conferenceId: talk.conferenceId, isPublic: talk.isPublic };
  const canWatch = can(viewer, "talk:watch", ref);
  const canBroadcast = can(viewer, "talk:broadcast", ref);
  const startAt = parseStartTime(t);
  const onNow = isHappeningNow(talk);

  return (
    <div className="space-y-8">
      <LiveRefresh conferenceId={conference.id} realtimeUrl={realtimeUrl} talkId={talk.id} talkStatus={talk.status} />
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
        <Link href={href("/schedule")} className="hover:underline">
          Schedule
        </Link>{" "}
        / <span>{talk.stage.name}</span>
      </nav>
      <header className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <TalkKindBadge kind={talk.kind} />
          {talk.track ? <Badge>{talk.track.name}</Badge> : null}
          <span data-testid="talk-status">
            {talk.status === "LIVE" ? (
              <Badge tone="live">
                <LiveDot /> Live
              </Badge>
            ) : talk.status === "ENDED" ? (
              <Badge>Ended · replay</Badge>
            ) : onNow ? (
              <Badge tone="warning">Starting now</Badge>
            ) : (
              <Badge>Scheduled</Badge>
            )}
          </span>
          {talk.isPublic ? <Badge tone="success">Free to watch</Badge> : null}
        </div>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <h1 className="max-w-4xl text-3xl font-semibold tracking-tight sm:text-4xl">{talk.title}</h1>
          <div className="flex items-center gap-2">
            {user ? <StarButton talkId={talk.id} title={talk.title} initiallyStarred={starred.has(talk.id)} /> : null}
            <a href={href(`/talks/${talk.slug}/calendar.ics`)} className={buttonClass("secondary", "sm")}>
              Add to calendar
            </a>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-zinc-600 dark:text-zinc-400">
          <TalkTime
            start={talk.startsAt.toISOString()}
            end={talk.endsAt.toISOString()}
            showDay
            className="font-medium text-zinc-900 dark:text-zinc-100"
          />
          <span>{talk.stage.name}</span>
          <ZoneToggle />
        </div>
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          {canWatch ? (
            <TalkMediaArea
              talk={{
                id: talk.id,
                slug: talk.slug,
                title: talk.title,
                status: talk.status,
                startsAt: talk.startsAt.toISOString(),
                endsAt: talk.endsAt.toISOString(),
              }}
              canBroadcast={canBroadcast}
              canWatch={canWatch}
              goLive={{
                opensAt: goLiveWindowOpensAt(talk).toISOString(),
                windowMinutes: env.TALK_GO_LIVE_WINDOW_MINUTES,
                canGoLiveEarly: can(viewer, "talk:go-live-early", ref),
              }}
              realtimeUrl={realtimeUrl}
              startAtSeconds={startAt}
            />
          ) : (
            <div
              role="region"
              aria-label="Video player"
              className="flex aspect-video w-full flex-col items-center justify-center gap-4 rounded-2xl bg-zinc-900 p-6 text-center text-zinc-200"
            >
              <p className="text-lg font-medium">{user ? "This talk is for ticket holders" : "Sign in with a ticket to watch"}</p>
              <div className="flex gap-2">
                {!user ? (
                  <Link href={`/sign-in?next=${href(`/talks/${talk.slug}`)}`} className={buttonClass("secondary")}>
                    Sign in
                  </Link>
                ) : null}
                <Link href={href("/tickets")} className={buttonClass("primary")}>
                  Get a ticket
                </Link>
              </div>
            </div>
          )}
          <section aria-labelledby="about" className="space-y-3">
            <h2 id="about" className="text-lg font-semibold">
              About this {talkKindLabel(talk.kind).toLowerCase()}
            </h2>
            <p className="whitespace-pre-line leading-relaxed text-zinc-700 dark:text-zinc-300">{talk.abstract || "No abstract yet."}</p>
          </section>
          <section aria-labelledby="speakers" className="space-y-3">
            <h2 id="speakers" className="text-lg font-semibold">
              {talk.speakers.length === 1 ? "Speaker" : "Speakers"}
            </h2>
            <ul className="grid gap-3 sm:grid-cols-2">
              {talk.speakers.map(({ speaker }) => (
                <li key={speaker.id} className="flex gap-3 rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
                  <Avatar name={speaker.name} url={speaker.avatarUrl} />
                  <div>
                    <Link href={href(`/speakers/${speaker.slug}`)} className="font-medium hover:underline">
                      {speaker.name}
                    </Link>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">{speaker.headline}</p>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <aside className="lg:sticky lg:top-20 lg:h-[calc(100vh-6rem)]">
          {canWatch ? (
            <TalkChatArea
              talk={{ id: talk.id, conferenceId: talk.conferenceId, status: talk.status }}
              viewer={{
                userId: user?.id ?? null,
                name: user?.name ?? null,
                canChat: can(viewer, "talk:chat", ref),
                canModerate: can(viewer, "talk:moderate", ref),
              }}
              realtimeUrl={realtimeUrl}
            />
          ) : (
            <section
              aria-label="Chat"
              className="flex h-full min-h-60 flex-col items-center justify-center rounded-2xl border border-zinc-200 bg-white p-6 text-center text-sm text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
            >
              Chat, Q&amp;A and polls are open to ticket holders.
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
