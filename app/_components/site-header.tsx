import Link from "next/link";
import { SignOutButton } from "./sign-out-button";
import { NavLink } from "./nav-link";

export function SiteHeader({
  conferenceName,
  user,
  isOrganizer,
}: {
  conferenceName: string;
  user: { name: string; email: string } | null;
  isOrganizer: boolean;
}) {
  return (
    <header className="sticky top-0 z-40 border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3 sm:h-16 sm:flex-nowrap sm:py-0 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-xl bg-brand-600 text-white">
            P
          </span>
          <span className="hidden sm:inline">{conferenceName}</span>
        </Link>
        <nav
          aria-label="Main"
          className="order-last -mx-2 flex w-full items-center gap-1 overflow-x-auto text-sm sm:order-none sm:mx-0 sm:w-auto sm:flex-1"
        >
          <NavLink href="/schedule">Schedule</NavLink>
          <NavLink href="/keynotes">Keynotes</NavLink>
          <NavLink href="/speakers">Speakers</NavLink>
          {user ? <NavLink href="/agenda">My agenda</NavLink> : null}
          <NavLink href="/tickets">Tickets</NavLink>
          {isOrganizer ? <NavLink href="/admin">Organize</NavLink> : null}
        </nav>
        <div className="ml-auto flex items-center gap-2 text-sm sm:ml-0">
          {user ? (
            <>
              <span className="hidden text-zinc-600 md:inline dark:text-zinc-400" title={user.email}>
                {user.name}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/sign-in" className="rounded-xl px-3 py-2 font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800">
                Sign in
              </Link>
              <Link href="/sign-up" className="rounded-xl bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
