import type { Metadata } from "next";
import Link from "next/link";
import { getPageContext } from "@/app/_lib/page-context";
import { listSpeakers } from "@/lib/speakers/list-speakers";
import { PageHeader } from "@/app/_components/ui/card";
import { Avatar } from "@/app/_components/ui/avatar";

export const metadata: Metadata = { title: "Speakers" };

export default async function SpeakersPage() {
  const { conference, href } = await getPageContext();
  const speakers = await listSpeakers({ conferenceId: conference.id });
  return (
    <div>
      <PageHeader title="Speakers" description={`The people on stage at ${conference.name}.`} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {speakers.map((s) => (
          <li
            key={s.id}
            className="relative flex flex-col items-center gap-3 rounded-2xl border border-zinc-200 bg-white p-6 text-center shadow-sm transition hover:shadow-md dark:border-zinc-800 dark:bg-zinc-900"
          >
            <Avatar name={s.name} url={s.avatarUrl} size={72} />
            <div>
              <Link href={href(`/speakers/${s.slug}`)} className="font-semibold after:absolute after:inset-0 hover:underline">
                {s.name}
              </Link>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{s.headline}</p>
            </div>
            <p className="text-xs text-zinc-500">
              {s._count.talks} {s._count.talks === 1 ? "session" : "sessions"}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
