import Link from "next/link";
import { listConferences, type ConferenceListing } from "@/lib/conference/list-conferences";
import { listOrganizedConferences } from "@/lib/conference/list-organized-conferences";
import { getSessionContext } from "../_lib/page-context";
import { startOfUtcDay } from "@/lib/conference/find-default-conference";
import { conferencePath } from "@/lib/conference/conference-path";
import { Badge, LiveDot } from "../_components/ui/badge";
import { EmptyState } from "../_components/ui/card";

// The instance's home: every conference it holds. Running and upcoming ones first (soonest
// first), then past editions, which stay browsable with their replays.
export default async function ConferencesPage() {
  const now = new Date();
  const { user } = await getSessionContext();
  const [{ upcoming, past }, organized] = await Promise.all([
    listConferences({ now }),
    user ? listOrganizedConferences({ userId: user.id }) : Promise.resolve([]),
  ]);
  const organizes = new Set(organized.map((c) => c.id));
  const today = startOfUtcDay(now);
  return (
    <div className="space-y-14">
      <section className="rounded-3xl bg-gradient-to-br from-brand-700 via-brand-600 to-fuchsia-600 px-6 py-10 text-white shadow-lg sm:px-12 sm:py-14">
        <h1 className="max-w-3xl text-4xl font-semibold tracking-tight sm:text-5xl">Conferences</h1>
        <p className="mt-4 max-w-2xl text-lg text-white/85">Live talks, replays, chat and tickets — pick a conference to see its schedule.</p>
      </section>

      <section aria-labelledby="upcoming-conferences">
        <h2 id="upcoming-conferences" className="mb-4 text-xl font-semibold">
          On now and coming up
        </h2>
        {upcoming.length ? (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {upcoming.map((c) => (
              <ConferenceCard key={c.id} conference={c} running={c.startsOn <= today} organizing={organizes.has(c.id)} />
            ))}
          </ul>
        ) : (
          <EmptyState title="No conference is on or announced">Past conferences and their replays are below.</EmptyState>
        )}
      </section>

      {past.length ? (
        <section aria-labelledby="past-conferences">
          <h2 id="past-conferences" className="mb-4 text-xl font-semibold">
            Past conferences
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {past.map((c) => (
              <ConferenceCard key={c.id} conference={c} running={false} organizing={organizes.has(c.id)} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

// Conference days are calendar dates (stored at midnight UTC); past editions need their year.
const conferenceDay = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

function ConferenceCard({ conference, running, organizing }: { conference: ConferenceListing; running: boolean; organizing: boolean }) {
  const [first, last] = [conference.startsOn, conference.endsOn].map((d) => conferenceDay.format(d));
  const headingId = `conference-${conference.id}`;
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className="relative flex h-full flex-col gap-3 rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm transition hover:shadow-md dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="flex items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
          <span>{first === last ? first : `${first} – ${last}`}</span>
          {running ? (
            <Badge tone="live">
              <LiveDot /> On now
            </Badge>
          ) : null}
        </div>
        <h3 id={headingId} className="text-lg font-semibold tracking-tight">
          <Link href={conferencePath(conference.slug)} className="after:absolute after:inset-0 after:rounded-2xl hover:underline focus:outline-none">
            {conference.name}
          </Link>
        </h3>
        {conference.tagline ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{conference.tagline}</p> : null}
        <div className="mt-auto flex items-center justify-between gap-2 text-sm">
          <p className="text-zinc-500">
            {conference.talks} {conference.talks === 1 ? "talk" : "talks"}
            {conference.replays ? ` · ${conference.replays} ${conference.replays === 1 ? "replay" : "replays"}` : ""}
          </p>
          {organizing ? (
            // Above the card's own link (its ::after covers the card).
            <Link
              href={conferencePath(conference.slug, "/admin")}
              className="relative z-10 font-medium text-brand-600 hover:underline"
              aria-label={`Organize ${conference.name}`}
            >
              Organize
            </Link>
          ) : null}
        </div>
      </article>
    </li>
  );
}
