import type { Metadata } from "next";
import Link from "next/link";
import { getPageContext } from "@/app/_lib/page-context";
import { orNotFound } from "@/app/_lib/or-not-found";
import { getSpeakerPageOrThrow } from "@/lib/speakers/get-speaker-page";
import { listFavouriteTalkIds } from "@/lib/agenda/list-agenda";
import { TalkCard } from "@/app/_components/schedule/talk-card";
import { Avatar } from "@/app/_components/ui/avatar";

type Params = { params: Promise<{ slug: string }> };

async function loadSpeaker(slug: string) {
  const { conference } = await getPageContext();
  return orNotFound(getSpeakerPageOrThrow({ conferenceId: conference.id, slug }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { conference, href } = await getPageContext();
  const speaker = await loadSpeaker((await params).slug);
  const talks = speaker.talks.map((t) => t.title).join(" · ");
  const description = [speaker.headline, talks].filter(Boolean).join(" — ");
  return {
    title: speaker.name,
    description,
    openGraph: { type: "profile", siteName: conference.name, title: speaker.name, description, url: href(`/speakers/${speaker.slug}`) },
    twitter: { card: "summary_large_image", title: speaker.name, description },
  };
}

export default async function SpeakerPage({ params }: Params) {
  const { conference, user, href } = await getPageContext();
  const speaker = await loadSpeaker((await params).slug);
  const starred = await listFavouriteTalkIds({ userId: user?.id ?? null, conferenceId: conference.id });
  const now = new Date();
  return (
    <div className="space-y-10">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
        <Link href={href("/speakers")} className="hover:underline">
          Speakers
        </Link>
      </nav>
      <header className="flex flex-col gap-6 sm:flex-row sm:items-center">
        <Avatar name={speaker.name} url={speaker.avatarUrl} size={112} />
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">{speaker.name}</h1>
          <p className="mt-1 text-lg text-zinc-600 dark:text-zinc-400">{speaker.headline}</p>
          {speaker.links.length ? (
            <ul className="mt-3 flex flex-wrap gap-3 text-sm">
              {speaker.links.map((l) => (
                <li key={l.url}>
                  <a href={l.url} rel="noopener noreferrer nofollow" target="_blank" className="font-medium text-brand-600 hover:underline">
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </header>
      {speaker.bio ? <p className="max-w-3xl whitespace-pre-line leading-relaxed text-zinc-700 dark:text-zinc-300">{speaker.bio}</p> : null}
      <section aria-labelledby="sessions">
        <h2 id="sessions" className="mb-4 text-xl font-semibold">
          Sessions
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {speaker.talks.map((talk) => (
            <TalkCard key={talk.id} talk={talk} now={now} starred={starred.has(talk.id)} canStar={!!user} showDay />
          ))}
        </div>
      </section>
    </div>
  );
}
