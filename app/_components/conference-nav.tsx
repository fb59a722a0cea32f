import Link from "next/link";
import { conferencePath } from "@/lib/conference/conference-path";
import { NavLink } from "./nav-link";

/** One conference's bar, under the site header on every page of that conference. */
export function ConferenceNav({
  conference,
  signedIn,
  isOrganizer,
}: {
  conference: { slug: string; name: string };
  signedIn: boolean;
  isOrganizer: boolean;
}) {
  const href = (path: `/${string}`) => conferencePath(conference.slug, path);
  return (
    <div className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 sm:flex-nowrap sm:px-6">
        <Link href={conferencePath(conference.slug)} className="truncate font-semibold tracking-tight hover:underline">
          {conference.name}
        </Link>
        <nav aria-label="Main" className="-mx-2 flex w-full items-center gap-1 overflow-x-auto text-sm sm:mx-0 sm:w-auto sm:flex-1">
          <NavLink href={href("/schedule")}>Schedule</NavLink>
          <NavLink href={href("/keynotes")}>Keynotes</NavLink>
          <NavLink href={href("/speakers")}>Speakers</NavLink>
          {signedIn ? <NavLink href={href("/agenda")}>My agenda</NavLink> : null}
          <NavLink href={href("/tickets")}>Tickets</NavLink>
          {isOrganizer ? <NavLink href={href("/admin")}>Organize</NavLink> : null}
        </nav>
      </div>
    </div>
  );
}
