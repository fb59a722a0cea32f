import Link from "next/link";
import { headers } from "next/headers";
import { buttonClass } from "./_components/ui/button";
import { CONFERENCE_SLUG_HEADER, conferencePath } from "@/lib/conference/conference-path";

export default async function Forbidden() {
  // The conference whose admin area was refused (proxy.ts names it), else the home page.
  const slug = (await headers()).get(CONFERENCE_SLUG_HEADER);
  const home = slug ? conferencePath(slug) : "/";
  return (
    <main id="main" className="mx-auto flex max-w-lg flex-col items-center px-4 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-brand-600">403</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">This area is for organizers only</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">Your account does not have the organizer role for this conference.</p>
      <Link href={home} className={`mt-8 ${buttonClass("primary")}`}>
        Back to the conference
      </Link>
    </main>
  );
}
